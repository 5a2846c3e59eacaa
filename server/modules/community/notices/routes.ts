import {
  ZAdminNoticeQuery,
  ZNoticeChanged,
  ZNoticeDetail,
  ZNoticeDetailPage,
  ZNoticeIdParams,
  ZNoticeInput,
  ZNoticeListQuery,
  ZNoticePage,
  type TAdminNoticeQuery,
  type TNoticeIdParams,
  type TNoticeInputParsed,
  type TNoticeListQuery,
} from '@shared/schemas/community/notices';
import type { AppDeps } from '../../../deps';
import { hasRole, type Actor } from '../../../http/actor';
import { fail } from '../../../http/errors';
import { anyRole, publicAccess } from '../../../http/policy';
import { unlessRefused } from '../../../http/refusals';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { contentRiskyAnswer } from '../../content';
import { allCommunities, myCommunityId } from '../residents';
import { editNotice } from './commands/edit-notice';
import { noticeFileRoutes } from './file-routes';
import { publishNotice, withdrawNotice } from './commands/publish-notice';
import { recordRead } from './commands/read-notice';
import type { NoticeDoc } from './model';
import { adminCommunities, mayAddress, noticePolicy } from './policy';
import { presentNoticeDetail, presentNoticeSummary, type CommunityNames } from './presenter';
import { adminNotices, findNotice, isVisible, listNotices } from './queries';

const NOT_FOUND = { code: 'not_found', message: '公告不存在' } as const;
const noticeAdmins = anyRole('district_admin', 'community_admin');
/** What publishing and editing refuse alike. */
const INPUT_REFUSALS = {
  empty_body: { code: 'validation_failed' as const, fields: [{ path: 'body', message: '正文不能为空' }] },
  expired: { code: 'validation_failed' as const, fields: [{ path: 'expiresAt', message: '失效时间须晚于现在' }] },
  content_risky: contentRiskyAnswer,
  attachment_invalid: (r: { fields: { path: string; message: string }[] }) => ({ code: 'validation_failed' as const, fields: r.fields }),
};

function assertMayAddress(actor: Actor, communityIds: string[]): void {
  if (!mayAddress(actor, communityIds)) {
    throw fail('forbidden', communityIds.length ? '只能向您管理的社区发布公告' : '只有区级管理员可以面向全区发布');
  }
}

export const communityNames = async (): Promise<CommunityNames> =>
  new Map((await allCommunities()).map((c) => [c.id, c.name]));

async function detail(n: NoticeDoc, actor: Actor | null, mine: string | null) {
  return presentNoticeDetail(n, await communityNames(), mine, await noticePolicy.abilities(actor, n));
}

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    ...noticeFileRoutes(deps),
    defineRoute<undefined, TNoticeListQuery>({
      method: 'get',
      path: '/api/notices',
      summary: '社区公告：我的社区（及全区）的公告在前，紧急、置顶、最新优先；已过期的不显示',
      tags: ['community'],
      policy: publicAccess,
      response: ZNoticePage,
      query: ZNoticeListQuery,
      // Only "which community is mine" depends on who asks, and a communityId in the query answers it.
      authenticateWhen: ({ query }) => query.communityId === undefined,
      handler: async (ctx, { query }) => {
        const mine = query.communityId ?? (await myCommunityId(ctx.state.actor?.userId));
        const { items, total } = await listNotices(query, mine, deps.now());
        const names = await communityNames();
        ctx.body = { items: items.map((n) => presentNoticeSummary(n, names, mine)), total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute<undefined, undefined, TNoticeIdParams>({
      method: 'get',
      path: '/api/notices/:id',
      summary: '公告详情（正文为安全子集的富文本）；登录居民的首次阅读计入阅读数',
      tags: ['community'],
      policy: publicAccess,
      response: ZNoticeDetail,
      params: ZNoticeIdParams,
      handler: async (ctx, { params }) => {
        const n = await findNotice(params.id);
        const actor = ctx.state.actor;
        if (!n) throw fail(NOT_FOUND.code, NOT_FOUND.message);
        const staffView = actor !== null && mayAddress(actor, n.communities.map(String));
        if (!isVisible(n, deps.now()) && !staffView) throw fail(NOT_FOUND.code, NOT_FOUND.message);
        if (actor && isVisible(n, deps.now()) && (await recordRead(deps, n._id, actor.userId))) n.readCount += 1;
        ctx.body = await detail(n, actor, await myCommunityId(actor?.userId));
      },
    }),
    defineRoute<undefined, TAdminNoticeQuery>({
      method: 'get',
      path: '/api/admin/notices',
      summary: '公告管理列表（区级管理员：全部；社区管理员：所管社区）',
      tags: ['community', 'admin'],
      policy: noticeAdmins,
      response: ZNoticeDetailPage,
      query: ZAdminNoticeQuery,
      handler: async (ctx, { query }) => {
        const actor = ctx.state.actor!;
        const scope = hasRole(actor, 'district_admin') ? 'all' : adminCommunities(actor);
        const { items, total } = await adminNotices(query, scope);
        const shown = await Promise.all(items.map((n) => detail(n, actor, null)));
        ctx.body = { items: shown, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute<TNoticeInputParsed>({
      method: 'post',
      path: '/api/admin/notices',
      summary: '发布公告或紧急提醒（区级管理员；社区管理员仅限所管社区）：正文净化为安全子集，命中关键词进入内容审核',
      tags: ['community', 'admin'],
      policy: noticeAdmins,
      response: ZNoticeChanged,
      body: ZNoticeInput,
      handler: async (ctx, { body }) => {
        const actor = ctx.state.actor!;
        assertMayAddress(actor, body.communityIds);
        const r = await publishNotice(deps, actor, body, ctx.state.requestId);
        unlessRefused(r, INPUT_REFUSALS);
        ctx.status = 201;
        ctx.body = { outcome: r.outcome, notice: await detail(r.notice, actor, null) };
      },
    }),
    defineRoute<TNoticeInputParsed, undefined, TNoticeIdParams>({
      method: 'put',
      path: '/api/admin/notices/:id',
      summary: '修改已发布的公告（发布范围内的管理员，新范围也须在其管理范围内）：同发布的净化与关键词审核，不再次推送，记入审计',
      tags: ['community', 'admin'],
      policy: noticeAdmins,
      response: ZNoticeChanged,
      params: ZNoticeIdParams,
      body: ZNoticeInput,
      handler: async (ctx, { body, params }) => {
        const actor = ctx.state.actor!;
        const n = await findNotice(params.id);
        if (!n) throw fail(NOT_FOUND.code, NOT_FOUND.message);
        await noticePolicy.authorize(actor, 'update', n);
        assertMayAddress(actor, body.communityIds);
        const r = await editNotice(deps, actor, n, body, ctx.state.requestId);
        unlessRefused(r, { ...INPUT_REFUSALS, not_open: 'notice_state_invalid' });
        ctx.body = { outcome: r.outcome, notice: await detail(r.notice, actor, null) };
      },
    }),
    defineRoute<undefined, undefined, TNoticeIdParams>({
      method: 'post',
      path: '/api/admin/notices/:id/withdraw',
      summary: '撤回公告（发布范围内的管理员），记入审计',
      tags: ['community', 'admin'],
      policy: noticeAdmins,
      response: ZNoticeChanged,
      params: ZNoticeIdParams,
      handler: async (ctx, { params }) => {
        const actor = ctx.state.actor!;
        const n = await findNotice(params.id);
        if (!n) throw fail(NOT_FOUND.code, NOT_FOUND.message);
        await noticePolicy.authorize(actor, 'withdraw', n);
        const r = await withdrawNotice(deps, actor, params.id, ctx.state.requestId);
        unlessRefused(r, { not_open: 'notice_state_invalid' });
        ctx.body = { outcome: r.outcome, notice: await detail(r.notice, actor, null) };
      },
    }),
  ];
}
