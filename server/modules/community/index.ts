import { ZHomeQuery, ZHomeScreen, type THomeQuery } from '@shared/schemas/community/home';
import { publicAccess } from '../../http/policy';
import { defineRoute } from '../../http/route';
import { defineModule } from '../../platform/module';
import { seedCommunityDemo } from './demo';
import { homeScreen } from './home';
import { eraseCommunityData, exportCommunityData } from './privacy';

/**
 * Community information as a whole (issue 14): the home page's first screen across the parts
 * (notices, places, residents' communities; the law library stands alone), a resident's export
 * and deletion, and the demo data. Each part is a module of its own under community/.
 */
export const communityModule = defineModule({
  name: 'community',
  routes: (deps) => [
    defineRoute<undefined, THomeQuery>({
      method: 'get',
      path: '/api/home',
      summary: '首页首屏（一次请求）：紧急提醒、最新公告、附近便民服务与志愿活动',
      tags: ['community'],
      policy: publicAccess,
      response: ZHomeScreen,
      query: ZHomeQuery,
      // The resident's own community is looked up only when the client did not say which.
      authenticateWhen: ({ query }) => query.communityId === undefined,
      handler: async (ctx, { query }) => {
        ctx.body = await homeScreen(deps, query, ctx.state.actor?.userId ?? null);
      },
    }),
  ],
  privacy: {
    name: 'community',
    export: (userId) => exportCommunityData(userId),
    covers: ['ResidentCommunity', 'CommunityNoticeRead'],
    erase: (userId) => eraseCommunityData(userId),
  },
  demo: (deps, orgs) => seedCommunityDemo(deps, orgs),
});
