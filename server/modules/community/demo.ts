import { Types } from 'mongoose';
import { PLACE_TYPES, type TPlaceType } from '@shared/schemas/community/places';
import type { AppDeps } from '../../deps';
import { DEMO_PASSWORD, type DemoAccount, type DemoOrgs } from '../../demo/seed';
import { ensure } from '../../demo/ensure';
import { hashPassword } from '../auth';
// Demo data only: the generic `ensure(Model, key, doc)` (server/demo/ensure.ts) creates demo accounts
// idempotently from the model; production code reads and writes accounts through the users facade.
import { User } from '../users';
import { seedLawStarterSet } from './laws';
import { Notice } from './notices';
import { Place, parseOpeningHours } from './places';
import { forgetCommunities } from './residents';

const NAMES: Record<TPlaceType, string[]> = {
  clinic: ['社区法律服务点'],
  service_centre: ['党群服务中心', '便民服务站', '社区服务中心'],
  pharmacy: ['大药房', '平价药店', '社区药房'],
  bus_stop: ['公交站'],
  volunteer_station: ['新时代文明实践站'],
  hospital: ['社区卫生服务站', '中医诊所'],
  market: ['生鲜超市', '菜市场', '便利店'],
  elderly_care: ['老年活动中心', '长者食堂', '日间照料中心'],
  police: ['警务室'],
  other: ['快递驿站', '图书室'],
};
const HOURS: Record<TPlaceType, string | undefined> = {
  clinic: '周一至周五 09:00-17:00',
  service_centre: '周一至周五 08:30-17:30；周六 09:00-12:00',
  pharmacy: '每天 08:00-22:00',
  bus_stop: '每天 05:30-23:00',
  volunteer_station: '周二至周日 09:00-17:00',
  hospital: '每天 08:00-20:00',
  market: '每天 06:30-21:00',
  elderly_care: '周一至周六 08:00-18:00',
  police: '24小时',
  other: '每天 09:00-21:00',
};
const STREETS = ['幸福路', '和平巷', '春晓街', '长安里', '光明路', '育才街'];

/** Demo data of issue 14: a community admin, notices with one urgent alert, ~50 places, the law starter set. */
export async function seedCommunityDemo(deps: AppDeps, orgs: DemoOrgs): Promise<DemoAccount[]> {
  forgetCommunities();
  const community = String(orgs.communityIds[0]);
  const admin = await ensure(
    User,
    { username: 'demo-community-admin' },
    {
      kind: 'staff',
      displayName: '幸福里社区管理员（演示）',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      roles: [{ role: 'community_admin', scopeType: 'community', scopeId: community }],
    },
  );
  const author = admin._id as Types.ObjectId;
  const now = deps.now();
  const day = 86_400_000;
  const notices = [
    { title: '暴雨红色预警：幸福路下穿通道积水，请绕行', category: 'alert', urgent: true, pinned: true, communities: [], expires: 2 * day,
      body: '<p>受强降雨影响，<strong>幸福路下穿通道积水约 40 厘米</strong>，已临时封闭。</p><ul><li>请绕行光明路</li><li>低洼地带住户请注意防范</li></ul><p>求助请拨打社区值班电话。</p>' },
    { title: '幸福里社区本周六开展免费义诊', category: 'service', urgent: false, pinned: true, communities: [orgs.communityIds[0]], expires: 7 * day,
      body: '<p>本周六上午 9:00-11:30，社区卫生服务站医生在党群服务中心为居民免费测血压、血糖。</p>' },
    { title: '关于开展电动自行车安全充电排查的通知', category: 'announcement', urgent: false, pinned: false, communities: [], expires: 30 * day,
      body: '<p>请勿将电动自行车推入楼道、家中充电。社区将于本月逐楼排查，请配合。</p>' },
    { title: '和平巷社区垃圾分类新投放时间', category: 'announcement', urgent: false, pinned: false, communities: [orgs.communityIds[1]], expires: 30 * day,
      body: '<p>自下月起，厨余垃圾投放时间调整为每天 7:00-9:00、18:00-20:00。</p>' },
  ] as const;
  for (const n of notices) {
    await ensure(Notice, { title: n.title }, {
      body: n.body,
      text: n.body.replace(/<[^>]+>/g, ''),
      category: n.category,
      communities: n.communities.map((c) => new Types.ObjectId(String(c))),
      pinned: n.pinned,
      urgent: n.urgent,
      expiresAt: new Date(now.getTime() + n.expires),
      attachments: [],
      status: 'published',
      author,
      publishedAt: now,
      readCount: 0,
    });
  }
  // ~50 places scattered within about 1.5 km of the first community's centre, placed deterministically.
  const centre = { lng: 116.404, lat: 39.915 };
  for (let i = 0; i < 50; i++) {
    const type = PLACE_TYPES[i % PLACE_TYPES.length];
    const angle = (i * 137.508 * Math.PI) / 180;
    const r = 0.0015 + (i / 50) * 0.0135;
    const names = NAMES[type];
    const openingHours = HOURS[type];
    await ensure(Place, { source: 'admin', sourceId: `demo-poi-${i + 1}` }, {
      type,
      name: `${STREETS[i % STREETS.length].slice(0, 2)}${names[i % names.length]}${type === 'bus_stop' ? `（${i + 1} 路）` : ''}`,
      address: `示范区${STREETS[i % STREETS.length]} ${10 + i} 号`,
      location: { type: 'Point', coordinates: [centre.lng + r * Math.cos(angle) * 1.3, centre.lat + r * Math.sin(angle)] },
      phone: type === 'bus_stop' ? undefined : `010-6${String(1000000 + i * 7919).slice(-7)}`,
      openingHours,
      hours: openingHours ? parseOpeningHours(openingHours) : null,
    });
  }
  await seedLawStarterSet();
  return [{ role: 'community_admin', username: 'demo-community-admin', password: DEMO_PASSWORD, note: '幸福里社区管理员：发布公告、管理便民服务点' }];
}
