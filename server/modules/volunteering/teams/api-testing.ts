/**
 * Test-only builders for the volunteering API tests: each creates its own
 * parents (team, admin, volunteer) through the real endpoints, so test files
 * run in parallel without shared fixtures.
 */
import type { TestContext, Built } from '../../../../test/support';
import { buildDistrictAdmin } from '../../../../test/support';
import { buildVerifiedResident, type VerifiedResident } from '../../../../test/support/factories-realname';

const HOUR = 3600_000;

export const teamInput = (overrides: Record<string, unknown> = {}) => ({
  name: '阳光志愿服务队',
  hostOrg: '测试街道办事处',
  serviceArea: '阳光社区',
  address: '上海市黄浦区测试路 1 号',
  location: { lng: 121.4737, lat: 31.2304 },
  contactName: '王老师',
  contactPhone: '13800138000',
  intro: '服务社区老人与儿童',
  ...overrides,
});

/** A certified team whose applicant (a verified resident) is its admin. */
export async function buildCertifiedTeam(
  ctx: TestContext,
  overrides: Record<string, unknown> = {},
): Promise<{ teamId: string; admin: VerifiedResident; district: Built }> {
  const admin = await buildVerifiedResident(ctx);
  const district = await buildDistrictAdmin(ctx);
  const applied = await ctx.http.post('/api/teams').set('Authorization', admin.auth).send(teamInput(overrides));
  if (applied.status !== 201) throw new Error(`buildCertifiedTeam: apply ${applied.status} ${JSON.stringify(applied.body)}`);
  const teamId = applied.body.team.id as string;
  const reviewed = await ctx.http
    .post(`/api/admin/teams/${teamId}/review`)
    .set('Authorization', district.auth)
    .send({ decision: 'certify' });
  if (reviewed.status !== 200) throw new Error(`buildCertifiedTeam: review ${reviewed.status} ${JSON.stringify(reviewed.body)}`);
  return { teamId, admin, district };
}

/** A verified resident registered as a volunteer. */
export async function buildVolunteer(ctx: TestContext, profile: Record<string, unknown> = {}): Promise<VerifiedResident> {
  const r = await buildVerifiedResident(ctx);
  const res = await ctx.http.post('/api/volunteers').set('Authorization', r.auth).send(profile);
  if (res.status !== 201) throw new Error(`buildVolunteer: ${res.status} ${JSON.stringify(res.body)}`);
  return r;
}

export function activityInput(teamId: string, now: Date, overrides: Record<string, unknown> = {}) {
  const start = now.getTime() + 72 * HOUR;
  return {
    teamId,
    title: '社区清洁日',
    description: '一起打扫小区公共区域，提供手套和工具',
    address: '上海市黄浦区测试路 1 号',
    location: { lng: 121.4737, lat: 31.2304 },
    category: 'environment',
    requiredSkills: [],
    shifts: [{ start: new Date(start).toISOString(), end: new Date(start + 3 * HOUR).toISOString(), capacity: 2 }],
    signupDeadline: new Date(start - 2 * HOUR).toISOString(),
    cancelDeadline: new Date(start - 24 * HOUR).toISOString(),
    checkinRadiusM: 300,
    ...overrides,
  };
}

export async function buildActivity(
  ctx: TestContext,
  team: { teamId: string; admin: Built },
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; shiftIds: string[] }> {
  const res = await ctx.http
    .post('/api/activities')
    .set('Authorization', team.admin.auth)
    .send(activityInput(team.teamId, ctx.deps.now(), overrides));
  if (res.status !== 201) throw new Error(`buildActivity: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.activity.id, shiftIds: res.body.activity.shifts.map((s: { id: string }) => s.id) };
}
