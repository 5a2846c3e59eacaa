import type { DemoStep } from '../../demo/seed';
import { ZActivityCreateInput, type TActivityCategory } from '@shared/schemas/volunteering/activities';
import { ZRealNameInput } from '@shared/schemas/auth';
import { ZVolunteerRegisterInput } from '@shared/schemas/volunteering/volunteers';
import { verifyRealName } from '../realname';
// Demo data only: `Activity.exists` keeps reseeding idempotent; production code uses activities' queries.
import { publishActivity, Activity } from './activities';
import { registerVolunteer } from './volunteers';

const DAY = 24 * 3600_000;

/** 09:00 Asia/Shanghai, `days` from now, as UTC. */
function shanghaiMorning(now: Date, days: number, hour = 9): Date {
  const local = new Date(now.getTime() + 8 * 3600_000 + days * DAY);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour - 8));
}

interface DemoActivity {
  team: number;
  title: string;
  description: string;
  category: TActivityCategory;
  address: string;
  lng: number;
  lat: number;
  inDays: number;
  capacities: number[];
}

const ACTIVITIES: DemoActivity[] = [
  {
    team: 0,
    title: '幸福里社区周末环境清洁',
    description: '清理楼道杂物、绿化带垃圾，整理共享单车停放。请穿方便活动的衣服，手套和工具由服务队提供。',
    category: 'community_service',
    address: '示范区幸福路 1 号 社区服务中心门口集合',
    lng: 116.4045,
    lat: 39.9152,
    inDays: 2,
    capacities: [10, 10],
  },
  {
    team: 1,
    title: '和平巷独居老人上门探访',
    description: '两人一组上门陪伴聊天、检查燃气和用电安全，记录老人需求并反馈社区。',
    category: 'elderly_care',
    address: '示范区和平巷 18 号 社区居委会',
    lng: 116.4122,
    lat: 39.9212,
    inDays: 3,
    capacities: [6],
  },
  {
    team: 2,
    title: '春晓苑垃圾分类宣传与指导',
    description: '在投放点指导居民正确分类，发放宣传材料，记录常见问题。',
    category: 'community_service',
    address: '示范区春晓街 66 号 南门投放点',
    lng: 116.3982,
    lat: 39.9083,
    inDays: 5,
    capacities: [8],
  },
];

/**
 * Upcoming demo activities for the 活动 tab. Found again by team + title among
 * upcoming published activities, and claimed by a unique key per day, so
 * restarts and parallel starts add nothing; once they are past, the next start
 * publishes fresh ones.
 */
/**
 * `demo-volunteer` is a registered volunteer the way a resident becomes one: real name verified
 * (through the same command, so the name and ID are encrypted and masked as usual), then
 * registered. Both commands refuse a second time, so restarts and parallel starts add nothing.
 * The ID is a made-up, checksum-valid number for 东城区 (the demo district's map area).
 */
async function seedDemoVolunteer(deps: Parameters<DemoStep>[0], userId: string | undefined): Promise<void> {
  if (!userId) return;
  await verifyRealName(deps, userId, ZRealNameInput.parse({ name: '陈晓明', idNumber: '110101199003071233' }));
  await registerVolunteer(
    deps,
    userId,
    ZVolunteerRegisterInput.parse({ skills: ['陪伴', '急救'], serviceAreas: ['示范区'], intro: '周末有空，可以陪老人聊天、帮忙采购。' }),
  );
}

export const seedVolunteeringDemo: DemoStep = async (deps, orgs) => {
  await seedDemoVolunteer(deps, orgs.residents['demo-volunteer'] && String(orgs.residents['demo-volunteer']));
  const now = deps.now();
  const publisher = orgs.staff['demo-team-admin'];
  if (!publisher) return;
  for (const a of ACTIVITIES) {
    const teamId = orgs.teamIds[a.team];
    if (!teamId) continue;
    const exists = await Activity.exists({ team: teamId, title: a.title, status: 'published', endsAt: { $gt: now } });
    if (exists) continue;
    // Parallel starts: only the process that claims this activity's key (unique _id) publishes it.
    const key = `volunteering:${a.title}:${shanghaiMorning(now, a.inDays).toISOString()}`;
    const claim = await deps.db.connection
      .collection<{ _id: string; at: Date }>('demo_claims')
      .updateOne({ _id: key }, { $setOnInsert: { at: now } }, { upsert: true });
    if (claim.upsertedCount !== 1) continue;
    const shifts = a.capacities.map((capacity, i) => ({
      start: shanghaiMorning(now, a.inDays, 9 + i * 3).toISOString(),
      end: shanghaiMorning(now, a.inDays, 11 + i * 3).toISOString(),
      capacity,
    }));
    const firstStart = Date.parse(shifts[0].start);
    const input = ZActivityCreateInput.parse({
      teamId: String(teamId),
      title: a.title,
      description: a.description,
      category: a.category,
      address: a.address,
      location: { lng: a.lng, lat: a.lat },
      signupDeadline: new Date(firstStart - 2 * 3600_000).toISOString(),
      cancelDeadline: new Date(firstStart - 12 * 3600_000).toISOString(),
      shifts,
    });
    await publishActivity(deps, String(publisher), input);
  }
};
