import { Types } from 'mongoose';
import type { TStatsDto, TStatsQuery, TStatsRowDto } from '@shared/schemas/volunteering/stats';
import { Team } from '../../org';
import { Activity } from '../activities';
import { formatHours, shanghaiMonth, HoursEntry } from '../hours';
import { Volunteer } from '../volunteers';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function monthStartUtc(month: string): Date {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1) - SHANGHAI_OFFSET_MS);
}
function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
export function defaultRange(now: Date): { from: string; to: string } {
  const to = shanghaiMonth(now);
  let from = to;
  for (let i = 0; i < 11; i += 1) {
    const y = Number(from.slice(0, 4));
    const m = Number(from.slice(5, 7));
    from = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  }
  return { from, to };
}

interface Bucket {
  users: Set<string>;
  minutes: number;
  served: Set<string>;
  held: number;
}
const emptyBucket = (): Bucket => ({ users: new Set(), minutes: 0, served: new Set(), held: 0 });

/**
 * Volunteers, hours and activities by period (or by team) from the confirmed ledger,
 * indexed by (team, period). Statistics are a staff report, not a hot path; the
 * per-request cost is bounded by the range (at most 36 months).
 */
export async function volunteeringStats(opts: { teamId?: string; query: TStatsQuery; now: Date }): Promise<TStatsDto> {
  const { from, to } =
    opts.query.from && opts.query.to
      ? { from: opts.query.from, to: opts.query.to }
      : {
          ...defaultRange(opts.now),
          ...(opts.query.from ? { from: opts.query.from } : {}),
          ...(opts.query.to ? { to: opts.query.to } : {}),
        };
  const by = opts.query.by;
  const team = opts.teamId ? new Types.ObjectId(opts.teamId) : null;
  const buckets = new Map<string, Bucket>();
  const bucket = (key: string) => {
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = emptyBucket()));
    return b;
  };
  if (by === 'month') for (let m = from; m <= to; m = nextMonth(m)) bucket(m);

  const all = emptyBucket();
  const entries = HoursEntry.find(
    { ...(team ? { team } : {}), status: 'confirmed', period: { $gte: from, $lte: to } },
    { user: 1, team: 1, activity: 1, minutes: 1, period: 1 },
  )
    .lean()
    .cursor({ batchSize: 5000 });
  for await (const e of entries) {
    const b = bucket(by === 'month' ? e.period : String(e.team));
    for (const x of [b, all]) {
      x.users.add(String(e.user));
      x.minutes += e.minutes;
      if (e.activity) x.served.add(String(e.activity));
    }
  }
  const held = await Activity.find(
    {
      ...(team ? { team } : {}),
      // Held: public and not called off (held for review or refused never took place).
      status: { $in: ['published', 'completed'] },
      startsAt: { $gte: monthStartUtc(from), $lt: monthStartUtc(nextMonth(to)) },
    },
    { startsAt: 1, team: 1 },
  ).lean();
  for (const a of held) {
    bucket(by === 'month' ? shanghaiMonth(a.startsAt) : String(a.team)).held += 1;
    all.held += 1;
  }

  const teamNames = new Map<string, string>();
  const teamIds = by === 'team' ? [...buckets.keys()] : team ? [String(team)] : [];
  if (teamIds.length) {
    for (const t of await Team.find({ _id: { $in: teamIds.map((id) => new Types.ObjectId(id)) } }, { name: 1 }).lean())
      teamNames.set(String(t._id), t.name);
  }
  const rows: TStatsRowDto[] = [...buckets.entries()]
    .map(([key, b]) => ({
      key,
      label: by === 'month' ? key : (teamNames.get(key) ?? ''),
      volunteers: b.users.size,
      minutes: b.minutes,
      hours: formatHours(b.minutes),
      activitiesServed: b.served.size,
      activitiesHeld: b.held,
    }))
    .sort((a, b) => (by === 'month' ? a.key.localeCompare(b.key) : b.minutes - a.minutes));

  const district = !team;
  return {
    scope: {
      type: district ? 'district' : 'team',
      teamId: team ? String(team) : null,
      name: team ? (teamNames.get(String(team)) ?? '') : '全区',
    },
    from,
    to,
    by,
    rows,
    totals: {
      volunteers: all.users.size,
      minutes: all.minutes,
      hours: formatHours(all.minutes),
      activitiesServed: all.served.size,
      activitiesHeld: all.held,
    },
    registeredVolunteers: district ? await Volunteer.countDocuments({}) : null,
    certifiedTeams: district ? await Team.countDocuments({ status: 'certified' }) : null,
  };
}
