/** Demo data for the clinics: profiles, providers, schedules for the coming weeks, a mediator and a case. */
import type { Types } from 'mongoose';
import type { AppDeps } from '../../deps';
import { DEMO_PASSWORD, type DemoAccount, type DemoOrgs } from '../../demo/seed';
import { ensure } from '../../demo/ensure';
import { hashPassword } from '../auth';
import { Clinic } from '../org';
// Demo data only: the generic `ensure(Model, key, doc)` (server/demo/ensure.ts) creates demo accounts
// idempotently from the model; production code reads and writes accounts through the users facade.
import { User } from '../users';
import { MediationCase, Provider, Schedule } from './model';

const PROFILE = {
  hostOrg: '示范区司法局',
  phone: '010-88886666',
  openingHours: '周一至周五 9:00–12:00，14:00–17:00',
  topics: ['marriage_family', 'labour', 'tenancy', 'neighbour', 'consumer', 'traffic'],
  modes: ['in_person', 'phone'],
  autoConfirm: true,
  cancelNoticeHours: 24,
  studentsAlone: false,
  waitlistHoldMinutes: 120,
  status: 'active',
};

const weekdays = (start: string, end: string, days = [1, 2, 3, 4, 5]) =>
  days.map((weekday) => ({ weekday, start, end }));

export async function seedClinicDemo(_deps: AppDeps, orgs: DemoOrgs): Promise<DemoAccount[]> {
  for (const [i, id] of orgs.clinicIds.entries()) {
    await Clinic.updateOne({ _id: id, hostOrg: { $exists: false } }, { $set: { ...PROFILE, autoConfirm: i === 0 } });
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ensure(
    User,
    { username: 'demo-mediator' },
    { kind: 'staff', displayName: '调解员老张（演示）', passwordHash, roles: [{ role: 'mediator' }] },
  );
  const lawyer2 = await ensure(
    User,
    { username: 'demo-lawyer-2' },
    {
      kind: 'staff',
      displayName: '王律师（演示）',
      passwordHash,
      roles: [{ role: 'lawyer', scopeType: 'clinic', scopeId: String(orgs.clinicIds[1]) }],
    },
  );
  // A lawyer with the role at the first clinic who is not its provider yet: the coordinator's
  // add-provider form offers them (GET /api/clinics/:id/provider-candidates).
  await ensure(
    User,
    { username: 'demo-lawyer-3' },
    {
      kind: 'staff',
      displayName: '陈律师（演示）',
      passwordHash,
      roles: [{ role: 'lawyer', scopeType: 'clinic', scopeId: String(orgs.clinicIds[0]) }],
    },
  );
  const at = new Date();
  const lawyer = await ensure(
    Provider,
    { clinic: orgs.clinicIds[0], user: orgs.staff['demo-lawyer'] },
    {
      displayName: '李律师（演示）',
      kind: 'lawyer',
      licenceNo: '11101201510000001',
      licenceVerifiedAt: at,
      intro: '擅长婚姻家庭、劳动争议',
      active: true,
    },
  );
  const student = await ensure(
    Provider,
    { clinic: orgs.clinicIds[0], user: orgs.staff['demo-law-student'] },
    {
      displayName: '法学实习生小周（演示）',
      kind: 'student',
      supervisor: lawyer._id as Types.ObjectId,
      supervisorUser: orgs.staff['demo-lawyer'],
      intro: '法学院三年级',
      active: true,
    },
  );
  const other = await ensure(
    Provider,
    { clinic: orgs.clinicIds[1], user: lawyer2._id as Types.ObjectId },
    {
      displayName: '王律师（演示）',
      kind: 'lawyer',
      licenceNo: '11101201810000002',
      licenceVerifiedAt: at,
      intro: '擅长房屋租赁、消费维权',
      active: true,
    },
  );
  const base = { bufferBeforeMinutes: 0, bufferAfterMinutes: 10, minNoticeHours: 2, exceptions: [] };
  await ensure(
    Schedule,
    { provider: lawyer._id },
    {
      ...base,
      clinic: orgs.clinicIds[0],
      slotMinutes: 30,
      maxPerDay: 8,
      modes: ['in_person', 'phone'],
      rules: [...weekdays('09:00', '12:00'), ...weekdays('14:00', '17:00')],
    },
  );
  await ensure(
    Schedule,
    { provider: student._id },
    {
      ...base,
      clinic: orgs.clinicIds[0],
      slotMinutes: 40,
      maxPerDay: 4,
      modes: ['in_person'],
      rules: weekdays('09:00', '11:00', [2, 4]),
    },
  );
  await ensure(
    Schedule,
    { provider: other._id },
    {
      ...base,
      clinic: orgs.clinicIds[1],
      slotMinutes: 30,
      maxPerDay: 6,
      modes: ['in_person', 'phone'],
      rules: weekdays('14:00', '17:00', [1, 3, 5]),
    },
  );
  await ensure(
    MediationCase,
    { sourceKey: 'walk_in:demo-1' },
    {
      source: { kind: 'walk_in', id: 'demo-1' },
      clinic: orgs.clinicIds[0],
      disputeType: 'neighbour',
      description: '楼上漏水导致楼下天花板受损，双方就维修费用分担有争议。',
      parties: [
        { name: '赵女士', role: 'applicant' },
        { name: '钱先生', role: 'respondent' },
      ],
      sessions: [],
      status: 'open',
      openedAt: new Date(),
    },
  );
  return [
    { role: 'mediator', username: 'demo-mediator', password: DEMO_PASSWORD, note: '人民调解员：调解案件队列' },
    { role: 'lawyer', username: 'demo-lawyer-2', password: DEMO_PASSWORD, note: '和平巷公益法律服务站律师' },
    { role: 'lawyer', username: 'demo-lawyer-3', password: DEMO_PASSWORD, note: '待协调员添加为服务人员的律师' },
  ];
}
