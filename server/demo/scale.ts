/**
 * A district at real scale for benchmarks (`npm run seed:scale`, bench/scale): teams, volunteers,
 * activities over three years and the hours ledger, with the shapes a real district has:
 *  - team sizes are log-normal: a few street-office teams with thousands, most with a few dozen;
 *  - about one volunteer in eight serves a second team;
 *  - activities spread over three years (and the next month), each team's share by its size;
 *  - hours are Pareto-skewed toward a few very active volunteers, capped at about one entry a day;
 *  - 94% of entries confirmed, 4% pending, 2% rejected; running totals written to match.
 * Rows go in through the driver in batches (the per-write paths are measured by the API tests).
 * A seeded generator makes two runs with the same arguments produce the same district.
 */
import { Types } from 'mongoose';
import { idCardCheckChar, maskIdNumber } from '@shared/idcard';
import { ACTIVITY_CATEGORIES } from '@shared/schemas/volunteering/activities';
import { District, Team } from '../modules/org';
import { currentPolicyVersion } from '../modules/privacy';
import { encryptField, hashIdNumber, maskName } from '../modules/realname';
// Seeding at scale bulk-inserts into the models' raw collections (insertAll), which no facade
// offers on purpose: the models below cross module lines here only. Production code uses facades.
import { User } from '../modules/users';
import { Activity, Shift } from '../modules/volunteering/activities';
import { HoursEntry, HoursTotal, shanghaiMonth } from '../modules/volunteering/hours';
import { rebuildHoursRollups } from '../modules/volunteering/stats';
import { TeamMembership } from '../modules/volunteering/teams';
import { Volunteer } from '../modules/volunteering/volunteers';

export interface ScaleSpec {
  teams: number;
  volunteers: number;
  hours: number;
  /** The ledger's "today" (activities span the three years before it). */
  now: Date;
  /** Keys for the real-name fields (the app's LINLI_ID_ENC_KEY / LINLI_ID_HASH_KEY). */
  encKey: Buffer;
  hashKey: Buffer;
  seed?: number;
  log?: (line: string) => void;
}

export interface ScaleSummary {
  teams: number;
  volunteers: number;
  activities: number;
  hours: number;
  seconds: number;
  largestTeam: number;
  mostEntriesForOneVolunteer: number;
  /** Ids the bench samples from: teams, volunteers with a real name and confirmed hours. */
  sample: { teamIds: string[]; volunteerIds: string[]; districtId: string };
}

/** The seed district's real size (issue 15). */
export const SEED_SCALE = { teams: 3163, volunteers: 250_000, hours: 6_250_000 } as const;

const BATCH = 5_000;
const DAY = 86_400_000;
const YEARS = 3;
const PARTICIPANTS_PER_ACTIVITY = 12;
const CENTER = { lng: 121.4737, lat: 31.2304 };
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
const TITLES = ['社区清洁日', '助老陪伴', '垃圾分类宣传', '儿童课后辅导', '义诊咨询', '防汛演练', '文明交通劝导', '法律宣传'];
const MINUTES = [60, 90, 120, 120, 180, 240];

/** Mulberry32: small, fast, seeded. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cumulative weights → O(log n) weighted picks. */
function picker(weights: Float64Array, random: () => number): () => number {
  const cum = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i += 1) cum[i] = sum += weights[i];
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

async function insertAll(coll: { insertMany(docs: object[], o: object): Promise<unknown> }, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) await coll.insertMany(docs.slice(i, i + BATCH), { ordered: false });
}

/** A valid, unique 18-digit ID per volunteer: the birth date and sequence number both come from `i`. */
function idNumber(i: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(i / 1000) * 80 * DAY);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `310101${ymd}${String(i % 1000).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

export async function seedScale(spec: ScaleSpec): Promise<ScaleSummary> {
  const started = Date.now();
  const random = rng(spec.seed ?? 15);
  const log = spec.log ?? (() => undefined);
  const now = spec.now;
  const version = currentPolicyVersion();

  const district =
    (await District.findOne({}, { _id: 1 }).sort({ createdAt: 1 }).lean()) ??
    (await District.create({ key: 'scale', name: '基准区' }));

  // Teams, log-normal sizes (σ = 1.1: the biggest team is ~50× the median).
  const teamIds = Array.from({ length: spec.teams }, () => new Types.ObjectId());
  const teamWeight = new Float64Array(spec.teams);
  for (let t = 0; t < spec.teams; t += 1) {
    const gauss = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    teamWeight[t] = Math.exp(1.1 * gauss);
  }
  await insertAll(
    Team.collection,
    teamIds.map((_id, t) => ({
      _id,
      name: `${t + 1}号志愿服务队`,
      hostOrg: `第${(t % 40) + 1}居委会`,
      serviceArea: '基准区',
      location: { type: 'Point', coordinates: [CENTER.lng + (random() - 0.5) * 0.1, CENTER.lat + (random() - 0.5) * 0.1] },
      contact: {},
      status: random() < 0.92 ? 'certified' : 'pending',
      createdAt: new Date(now.getTime() - YEARS * 365 * DAY),
      updatedAt: now,
    })),
  );
  log(`teams: ${spec.teams}`);

  // Volunteers: a primary team by size, a second one for one in eight; Pareto activity weights.
  const pickTeam = picker(teamWeight, random);
  const userIds = Array.from({ length: spec.volunteers }, () => new Types.ObjectId());
  const primary = new Int32Array(spec.volunteers);
  const second = new Int32Array(spec.volunteers).fill(-1);
  const activityWeight = new Float64Array(spec.volunteers);
  const members = new Int32Array(spec.teams);
  const avgEntries = spec.hours / Math.max(1, spec.volunteers);
  // Pareto α = 1.16 (the 80/20 rule), capped so that no one logs more than about one entry a day.
  const cap = Math.max(1, (YEARS * 365) / Math.max(1, avgEntries) / 2.5);
  for (let v = 0; v < spec.volunteers; v += 1) {
    primary[v] = pickTeam();
    members[primary[v]] += 1;
    if (spec.teams > 1 && random() < 0.125) {
      const t = pickTeam();
      if (t !== primary[v]) {
        second[v] = t;
        members[t] += 1;
      }
    }
    activityWeight[v] = Math.min(cap, Math.pow(1 - random(), -1 / 1.16) / 6.25);
  }

  // Activities per team in proportion to its members, over three years plus the coming month.
  const activityCount = Math.max(spec.teams, Math.ceil(spec.hours / PARTICIPANTS_PER_ACTIVITY));
  const totalMembers = members.reduce((s, m) => s + m, 0) || 1;
  const teamActivities: { id: Types.ObjectId; start: Date; title: string }[][] = teamIds.map(() => []);
  const span = YEARS * 365 * DAY;
  let made = 0;
  const activityDocs: object[] = [];
  const shiftDocs: object[] = [];
  const flush = async () => {
    await insertAll(Activity.collection, activityDocs.splice(0));
    await insertAll(Shift.collection, shiftDocs.splice(0));
  };
  for (let t = 0; t < spec.teams; t += 1) {
    const n = Math.max(1, Math.round((members[t] / totalMembers) * activityCount));
    for (let k = 0; k < n; k += 1) {
      const future = random() < 0.02;
      const start = new Date(
        Math.floor((future ? now.getTime() + random() * 30 * DAY : now.getTime() - random() * span) / 3_600_000) * 3_600_000,
      );
      const end = new Date(start.getTime() + 3 * 3_600_000);
      const _id = new Types.ObjectId();
      const title = TITLES[(t + k) % TITLES.length];
      if (!future) teamActivities[t].push({ id: _id, start, title });
      activityDocs.push({
        _id,
        team: teamIds[t],
        teamName: `${t + 1}号志愿服务队`,
        title,
        description: `${title}：欢迎邻里报名参加。`,
        address: `基准区第${(t % 40) + 1}居委会活动室`,
        location: { type: 'Point', coordinates: [CENTER.lng + (random() - 0.5) * 0.1, CENTER.lat + (random() - 0.5) * 0.1] },
        category: ACTIVITY_CATEGORIES[(t + k) % ACTIVITY_CATEGORIES.length],
        requiredSkills: [],
        signupDeadline: new Date(start.getTime() - 2 * 3_600_000),
        cancelDeadline: new Date(start.getTime() - DAY),
        checkinRadiusM: 300,
        requiresApproval: false,
        checkinRequired: true,
        reminderLeadMinutes: 120,
        status: future ? 'published' : 'completed',
        startsAt: start,
        endsAt: end,
        createdBy: userIds[0],
        createdAt: new Date(start.getTime() - 7 * DAY),
        updatedAt: new Date(start.getTime() - 7 * DAY),
      });
      shiftDocs.push({ activity: _id, team: teamIds[t], start, end, capacity: 20, confirmedCount: 0, waitingCount: 0, waitSeq: 0, createdAt: start, updatedAt: start });
      made += 1;
      if (activityDocs.length >= BATCH * 4) await flush();
    }
  }
  await flush();
  log(`activities: ${made}`);

  // The ledger, streamed in batches; totals accumulate as it goes.
  const pickVolunteer = picker(activityWeight, random);
  const confirmed = new Float64Array(spec.volunteers);
  const pending = new Float64Array(spec.volunteers);
  const entries = new Int32Array(spec.volunteers);
  const teamTotals = new Map<string, { c: number; p: number }>();
  const memberTotals = new Map<string, { c: number; p: number; team: number; user: number }>();
  let batch: object[] = [];
  for (let i = 0; i < spec.hours; i += 1) {
    const v = pickVolunteer();
    let t = second[v] >= 0 && random() < 0.3 ? second[v] : primary[v];
    if (teamActivities[t].length === 0) t = primary[v];
    const list = teamActivities[t];
    const a = list.length ? list[Math.floor(random() * list.length)] : null;
    const serviceDate = a?.start ?? new Date(now.getTime() - random() * span);
    const minutes = MINUTES[Math.floor(random() * MINUTES.length)];
    const roll = random();
    const status = roll < 0.94 ? 'confirmed' : roll < 0.98 ? 'pending' : 'rejected';
    entries[v] += 1;
    if (status !== 'rejected') {
      const field = status === 'confirmed' ? 'c' : 'p';
      if (status === 'confirmed') confirmed[v] += minutes;
      else pending[v] += minutes;
      const tt = teamTotals.get(String(t)) ?? { c: 0, p: 0 };
      tt[field] += minutes;
      teamTotals.set(String(t), tt);
      const mk = `${t}:${v}`;
      const mt = memberTotals.get(mk) ?? { c: 0, p: 0, team: t, user: v };
      mt[field] += minutes;
      memberTotals.set(mk, mt);
    }
    batch.push({
      _id: new Types.ObjectId(),
      user: userIds[v],
      team: teamIds[t],
      activity: a?.id ?? null,
      shift: null,
      signup: null,
      activityTitle: a?.title ?? '社区服务',
      serviceDate,
      period: shanghaiMonth(serviceDate),
      minutes,
      source: 'checkin',
      status,
      autoCheckedOut: false,
      corrects: null,
      reason: '',
      note: '',
      dedupeKey: `scale:${i}`,
      createdBy: null,
      confirmedBy: null,
      confirmedAt: status === 'confirmed' ? serviceDate : null,
      createdAt: serviceDate,
    });
    if (batch.length === BATCH) {
      await HoursEntry.collection.insertMany(batch, { ordered: false });
      batch = [];
      if (i % 250_000 < BATCH) log(`hours: ${i + 1} / ${spec.hours}`);
    }
  }
  if (batch.length) await HoursEntry.collection.insertMany(batch, { ordered: false });
  log(`hours: ${spec.hours}`);

  // People last, with the totals the ledger gave them; 60% have verified their real name.
  const sampleVolunteers: string[] = [];
  for (let from = 0; from < spec.volunteers; from += BATCH) {
    const users: object[] = [];
    const vols: object[] = [];
    const memberships: object[] = [];
    for (let v = from; v < Math.min(spec.volunteers, from + BATCH); v += 1) {
      const name = SURNAMES[v % SURNAMES.length] + GIVEN[Math.floor(v / SURNAMES.length) % GIVEN.length];
      const verified = random() < 0.6;
      const id = verified ? idNumber(v) : '';
      users.push({
        _id: userIds[v],
        kind: 'resident',
        openid: `o_scale_${userIds[v].toHexString()}`,
        displayName: name,
        roles: [{ role: 'volunteer' }],
        status: 'active',
        consent: { version, at: now, history: [{ version, at: now }] },
        ...(verified
          ? {
              realName: {
                nameEnc: encryptField(spec.encKey, name),
                idNumberEnc: encryptField(spec.encKey, id),
                idNumberHash: hashIdNumber(spec.hashKey, id),
                nameMasked: maskName(name),
                idNumberMasked: maskIdNumber(id),
                verifiedAt: now,
              },
            }
          : {}),
        createdAt: now,
        updatedAt: now,
      });
      if (verified && confirmed[v] > 0 && sampleVolunteers.length < 2_000) sampleVolunteers.push(userIds[v].toHexString());
      vols.push({
        user: userIds[v],
        volunteerNo: `S${String(v).padStart(8, '0')}`,
        nameMasked: maskName(name),
        totalMinutes: confirmed[v] + pending[v],
        confirmedMinutes: confirmed[v],
        createdAt: now,
        updatedAt: now,
      });
      for (const t of [primary[v], second[v]]) {
        if (t >= 0) memberships.push({ team: teamIds[t], user: userIds[v], role: 'member', status: 'active', message: '', createdAt: now, updatedAt: now });
      }
    }
    await insertAll(User.collection, users);
    await insertAll(Volunteer.collection, vols);
    await insertAll(TeamMembership.collection, memberships);
  }
  log(`volunteers: ${spec.volunteers}`);

  const totals: object[] = [];
  for (let v = 0; v < spec.volunteers; v += 1) {
    if (confirmed[v] || pending[v]) totals.push({ kind: 'volunteer', team: null, user: userIds[v], confirmedMinutes: confirmed[v], pendingMinutes: pending[v] });
  }
  for (const [t, x] of teamTotals) totals.push({ kind: 'team', team: teamIds[Number(t)], user: null, confirmedMinutes: x.c, pendingMinutes: x.p });
  for (const x of memberTotals.values()) {
    totals.push({ kind: 'team_member', team: teamIds[x.team], user: userIds[x.user], confirmedMinutes: x.c, pendingMinutes: x.p });
  }
  await insertAll(HoursTotal.collection, totals);
  log(`totals: ${totals.length}`);
  // The ledger went in without events: the monthly rollups are built from it, as the start-up
  // repair would (the hours-rollups invariant).
  log(`rollups: ${(await rebuildHoursRollups()).scopes} scopes`);

  return {
    teams: spec.teams,
    volunteers: spec.volunteers,
    activities: made,
    hours: spec.hours,
    seconds: Math.round((Date.now() - started) / 1000),
    // reduce, not Math.max(...xs): a quarter-million arguments overflow the call stack.
    largestTeam: members.reduce((m, x) => Math.max(m, x), 0),
    mostEntriesForOneVolunteer: entries.reduce((m, x) => Math.max(m, x), 0),
    sample: {
      teamIds: teamIds.filter((_, t) => members[t] > 0).map((id) => id.toHexString()),
      volunteerIds: sampleVolunteers,
      districtId: String(district._id),
    },
  };
}
