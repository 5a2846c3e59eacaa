/**
 * Idempotent demo data for development (`npm start` with LINLI_DEMO_DATA=true).
 * Everything is found by a stable key (`key`, `username`, `openid`) and only
 * created when missing, so restarts and parallel starts are harmless.
 *
 * Each module adds its demo data with `defineModule({ demo })` (server/modules/index.ts
 * lists the modules); every step receives the organisations below.
 */
import type { Types } from 'mongoose';
import type { AppDeps } from '../deps';
import type { RoleGrant } from '../http/actor';
import { hashPassword } from '../modules/auth';
import { Clinic, Community, Department, District, Grid, Team } from '../modules/org';
// Demo data only: the generic `ensure(Model, key, doc)` (server/demo/ensure.ts) creates demo accounts
// idempotently from the model; production code reads and writes accounts through the users facade.
import { User } from '../modules/users';
import { allModules } from '../modules';
import { demoSteps } from '../platform/compose';
import { ensure } from './ensure';

export interface DemoAccount {
  role: string;
  username?: string;
  password?: string;
  openid?: string;
  note: string;
}

export interface DemoOrgs {
  districtId: Types.ObjectId;
  communityIds: Types.ObjectId[];
  gridIds: Types.ObjectId[];
  departmentIds: Record<string, Types.ObjectId>;
  teamIds: Types.ObjectId[];
  pendingTeamId: Types.ObjectId;
  clinicIds: Types.ObjectId[];
  staff: Record<string, Types.ObjectId>;
  residents: Record<string, Types.ObjectId>;
}

export type DemoStep = (deps: AppDeps, orgs: DemoOrgs) => Promise<DemoAccount[] | void>;

export const DEMO_PASSWORD = 'linli-demo-2026';

const pt = (lng: number, lat: number) => ({ type: 'Point' as const, coordinates: [lng, lat] as [number, number] });
const id = (doc: { _id: unknown }) => doc._id as Types.ObjectId;

async function seedOrgs(): Promise<Omit<DemoOrgs, 'staff' | 'residents'>> {
  const district = await ensure(District, { key: 'demo-district' }, { name: '示范区' });
  const communityDefs = [
    { key: 'demo-community-1', name: '幸福里社区', address: '示范区幸福路 1 号', location: pt(116.404, 39.915) },
    { key: 'demo-community-2', name: '和平巷社区', address: '示范区和平巷 18 号', location: pt(116.412, 39.921) },
    { key: 'demo-community-3', name: '春晓苑社区', address: '示范区春晓街 66 号', location: pt(116.398, 39.908) },
  ];
  const communities = [];
  for (const c of communityDefs)
    communities.push(await ensure(Community, { key: c.key }, { ...c, district: id(district) }));
  const grids = [];
  for (const [i, c] of communities.entries()) {
    for (const n of [1, 2]) {
      grids.push(
        await ensure(Grid, { key: `demo-grid-${i + 1}-${n}` }, { name: `${c.name}第${n}网格`, community: id(c) }),
      );
    }
  }
  const departmentDefs = [
    { key: 'demo-dept-city', name: '区城管局', kind: 'city_management' as const },
    { key: 'demo-dept-municipal', name: '区市政管理处', kind: 'municipal' as const },
    { key: 'demo-dept-property', name: '物业服务中心', kind: 'property' as const },
    { key: 'demo-dept-env', name: '区生态环境分局', kind: 'environment' as const },
  ];
  const departmentIds: Record<string, Types.ObjectId> = {};
  for (const d of departmentDefs) departmentIds[d.kind] = id(await ensure(Department, { key: d.key }, d));
  const teamDefs = [
    {
      key: 'demo-team-1',
      name: '幸福里志愿服务队',
      hostOrg: '幸福里社区居委会',
      serviceArea: '幸福里社区',
      location: pt(116.405, 39.916),
      status: 'certified' as const,
      community: id(communities[0]),
    },
    {
      key: 'demo-team-2',
      name: '和平巷助老服务队',
      hostOrg: '和平巷社区居委会',
      serviceArea: '和平巷社区',
      location: pt(116.413, 39.922),
      status: 'certified' as const,
      community: id(communities[1]),
    },
    {
      key: 'demo-team-3',
      name: '春晓环保行动队',
      hostOrg: '春晓苑业主委员会',
      serviceArea: '春晓苑社区及周边',
      location: pt(116.399, 39.909),
      status: 'certified' as const,
      community: id(communities[2]),
    },
    {
      key: 'demo-team-4',
      name: '青年读书会志愿队',
      hostOrg: '区青年联合会',
      serviceArea: '示范区',
      location: pt(116.401, 39.912),
      status: 'pending' as const,
    },
  ];
  const teams = [];
  for (const t of teamDefs)
    teams.push(await ensure(Team, { key: t.key }, { ...t, contact: { name: '王老师', phone: '13800000001' } }));
  const clinicDefs = [
    {
      key: 'demo-clinic-1',
      name: '幸福里社区法律诊所',
      address: '幸福里社区服务中心 2 楼',
      location: pt(116.404, 39.915),
      community: id(communities[0]),
    },
    {
      key: 'demo-clinic-2',
      name: '和平巷公益法律服务站',
      address: '和平巷社区党群服务中心 1 楼',
      location: pt(116.412, 39.921),
      community: id(communities[1]),
    },
  ];
  const clinics = [];
  for (const c of clinicDefs) clinics.push(await ensure(Clinic, { key: c.key }, c));
  return {
    districtId: id(district),
    communityIds: communities.map(id),
    gridIds: grids.map(id),
    departmentIds,
    teamIds: teams.filter((t) => t.status === 'certified').map(id),
    pendingTeamId: id(teams[3]),
    clinicIds: clinics.map(id),
  };
}

interface StaffDef {
  username: string;
  displayName: string;
  role: string;
  roles: (staff: Record<string, Types.ObjectId>) => RoleGrant[];
  note: string;
}

export async function seedDemoData(deps: AppDeps): Promise<{ accounts: DemoAccount[] }> {
  const orgs = await seedOrgs();
  const s = (x: Types.ObjectId) => String(x);
  const staffDefs: StaffDef[] = [
    {
      username: 'demo-district-admin',
      displayName: '区管理员（演示）',
      role: 'district_admin',
      roles: () => [{ role: 'district_admin' }],
      note: '区级管理员：账号、角色、审计',
    },
    {
      username: 'demo-team-admin',
      displayName: '幸福里队长（演示）',
      role: 'team_admin',
      roles: () => [{ role: 'team_admin', scopeType: 'team', scopeId: s(orgs.teamIds[0]) }],
      note: '幸福里志愿服务队管理员',
    },
    {
      username: 'demo-lawyer',
      displayName: '李律师（演示）',
      role: 'lawyer',
      roles: () => [{ role: 'lawyer', scopeType: 'clinic', scopeId: s(orgs.clinicIds[0]) }],
      note: '幸福里社区法律诊所律师',
    },
    {
      username: 'demo-law-student',
      displayName: '法学实习生小周（演示）',
      role: 'law_student',
      roles: (st) => [
        { role: 'law_student', scopeType: 'clinic', scopeId: s(orgs.clinicIds[0]), supervisorId: s(st['demo-lawyer']) },
      ],
      note: '由李律师指导的法学实习生',
    },
    {
      username: 'demo-coordinator',
      displayName: '诊所协调员（演示）',
      role: 'clinic_coordinator',
      roles: () => [{ role: 'clinic_coordinator', scopeType: 'clinic', scopeId: s(orgs.clinicIds[0]) }],
      note: '幸福里社区法律诊所协调员',
    },
    {
      username: 'demo-dispatcher',
      displayName: '调度员（演示）',
      role: 'dispatcher',
      roles: () => [{ role: 'dispatcher' }],
      note: '问题上报调度',
    },
    {
      username: 'demo-handler',
      displayName: '城管处置员（演示）',
      role: 'handler',
      roles: () => [{ role: 'handler', scopeType: 'department', scopeId: s(orgs.departmentIds.city_management) }],
      note: '区城管局处置人员',
    },
  ];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staff: Record<string, Types.ObjectId> = {};
  const accounts: DemoAccount[] = [];
  for (const def of staffDefs) {
    const user = await ensure(
      User,
      { username: def.username },
      {
        kind: 'staff',
        displayName: def.displayName,
        passwordHash,
        roles: def.roles(staff),
      },
    );
    staff[def.username] = id(user);
    accounts.push({ role: def.role, username: def.username, password: DEMO_PASSWORD, note: def.note });
  }
  const residentDefs = [
    { openid: 'demo-resident', displayName: '居民小王（演示）', note: '居民：开发登录 sandbox:demo-resident' },
    { openid: 'demo-volunteer', displayName: '志愿者小陈（演示）', note: '志愿者：开发登录 sandbox:demo-volunteer' },
  ];
  const residents: Record<string, Types.ObjectId> = {};
  for (const r of residentDefs) {
    const role = r.openid === 'demo-volunteer' ? 'volunteer' : 'resident';
    const user = await ensure(
      User,
      { openid: r.openid },
      {
        kind: 'resident',
        displayName: r.displayName,
        roles: [{ role: 'resident' }, ...(role === 'volunteer' ? [{ role: 'volunteer' as const }] : [])],
      },
    );
    residents[r.openid] = id(user);
    accounts.push({ role, openid: r.openid, note: r.note });
  }
  const full: DemoOrgs = { ...orgs, staff, residents };
  for (const step of demoSteps(allModules())) accounts.push(...((await step(deps, full)) ?? []));
  deps.logger.info({ accounts: accounts.length }, 'demo data ready');
  return { accounts };
}
