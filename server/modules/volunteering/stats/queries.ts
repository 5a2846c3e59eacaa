import { Types } from 'mongoose';
import type { TStatsDto, TStatsQuery, TStatsRowDto } from '@shared/schemas/volunteering/stats';
import { certifiedTeamCount, teamNamesByIds } from '../../org';
import { formatHours, shanghaiMonth } from '../hours';
import { volunteerCount } from '../volunteers';
import { DISTRICT_SCOPE, HoursRollup } from './rollups/model';

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

interface Row {
  minutes: number;
  volunteers: number;
  activitiesServed: number;
  held: number;
}
const emptyRow = (): Row => ({ minutes: 0, volunteers: 0, activitiesServed: 0, held: 0 });

/** Distinct count over [from, …] from the months' `first*` histograms (see HoursRollupDoc). */
const firstsBefore = (hist: Record<string, number> | undefined, from: string): number =>
  Object.entries(hist ?? {}).reduce((n, [prev, k]) => (prev === 'none' || prev < from ? n + k : n), 0);

/**
 * Volunteers, hours and activities by period (or by team) from the monthly rollups the
 * `stats.rollups` subscriber keeps in step with the confirmed ledger: at most 36 documents per
 * scope, so the cost does not grow with the district's ledger (by team: one row per team).
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
  const buckets = new Map<string, Row>();
  const bucket = (key: string) => {
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = emptyRow()));
    return b;
  };
  if (by === 'month') for (let m = from; m <= to; m = nextMonth(m)) bucket(m);

  const all = emptyRow();
  const period = { $gte: from, $lte: to };
  const scopeFilter = by === 'team' && !team ? { scope: { $ne: DISTRICT_SCOPE } } : { scope: team ? String(team) : DISTRICT_SCOPE };
  for (const r of await HoursRollup.find({ ...scopeFilter, period }).lean()) {
    const volunteers = firstsBefore(r.firstVol, from);
    const served = firstsBefore(r.firstAct, from);
    const b = bucket(by === 'month' ? r.period : r.scope);
    b.minutes += r.minutes;
    b.held += r.held;
    // By month: the month's own distinct counts; by team: the range's (first months inside it).
    b.volunteers += by === 'month' ? r.volunteers : volunteers;
    b.activitiesServed += by === 'month' ? r.activitiesServed : served;
    if (by === 'month') {
      all.minutes += r.minutes;
      all.held += r.held;
      all.volunteers += volunteers;
      all.activitiesServed += served;
    }
  }
  if (by === 'team') {
    // The district's totals come from its own scope: a volunteer of two teams counts once.
    for (const r of await HoursRollup.find({ scope: DISTRICT_SCOPE, period }).lean()) {
      all.minutes += r.minutes;
      all.held += r.held;
      all.volunteers += firstsBefore(r.firstVol, from);
      all.activitiesServed += firstsBefore(r.firstAct, from);
    }
    for (const [key, b] of buckets) if (!b.minutes && !b.volunteers && !b.held) buckets.delete(key);
  }

  const teamIds = by === 'team' ? [...buckets.keys()] : team ? [String(team)] : [];
  const teamNames = teamIds.length ? await teamNamesByIds(teamIds.map((id) => new Types.ObjectId(id))) : new Map<string, string>();
  const rows: TStatsRowDto[] = [...buckets.entries()]
    .map(([key, b]) => ({
      key,
      label: by === 'month' ? key : (teamNames.get(key) ?? ''),
      volunteers: b.volunteers,
      minutes: b.minutes,
      hours: formatHours(b.minutes),
      activitiesServed: b.activitiesServed,
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
      volunteers: all.volunteers,
      minutes: all.minutes,
      hours: formatHours(all.minutes),
      activitiesServed: all.activitiesServed,
      activitiesHeld: all.held,
    },
    registeredVolunteers: district ? await volunteerCount() : null,
    certifiedTeams: district ? await certifiedTeamCount() : null,
  };
}
