/**
 * The district's figures (DECISIONS "Reports"): of the reports received in the period (rejected
 * and duplicates are not received cases), 办结率 = closed (fixed, not fixed, fixed by default) ÷
 * received; fixed and fixed-by-default are counted apart; on time = closed with every target met
 * (accept, arrive, resolve); average minutes to accept (from submission), arrive (from the first
 * dispatch) and resolve (from submission, for closed cases), grouped by category, grid,
 * department, day or month (Asia/Shanghai dates). Whole days are read from the daily rollups
 * (./rollups, kept by the `reports.rollups` subscriber), so the dashboard costs the same at 1,000
 * or 100,000 reports. CSV export for spreadsheets.
 */
import type { TReportRates, TStatsQuery } from '@shared/schemas/reports/reports';
import { ZStatsQuery, ZStatsResult } from '@shared/schemas/reports/reports';
import type { AppDeps } from '../../deps';
import { anyRole } from '../../http/policy';
import { defineRoute, type RouteSpec } from '../../http/route';
import { Report } from './model';
import { shanghaiDay, shanghaiDayStart } from './rollups/contribution';
import { COUNTERS, ReportRollup, zeroCounters, type Counters } from './rollups/model';
import { listCategories, setupNames } from './queries';

const SHANGHAI_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const shanghaiDayExpr = (len: number) => ({ $substr: [{ $dateToString: { format: '%Y-%m-%d', date: { $add: ['$createdAt', SHANGHAI_MS] } } }, 0, len] });
const RAW_KEY: Record<TStatsQuery['by'], unknown> = {
  category: '$category',
  grid: '$grid',
  department: '$department',
  day: shanghaiDayExpr(10),
  month: shanghaiDayExpr(7),
};
const is = (cond: unknown) => ({ $sum: { $cond: [cond, 1, 0] } });
const CLOSED = { $in: ['$status', ['closed_fixed', 'closed_not_fixed']] };
const spanMs = (later: string, earlier: string, when: unknown[] = []) => {
  const cond = { $and: [...when, later, earlier] };
  return [{ $sum: { $cond: [cond, { $subtract: [later, earlier] }, 0] } }, is(cond)] as const;
};
const RATED = { $in: ['$confirmation.rating', [1, 2, 3, 4, 5]] };

/**
 * The reports themselves, summed the way contributionOf counts them: for the partial Shanghai
 * days at the ends of a range (the whole days come from the rollups).
 */
async function rawCounters(from: Date, to: Date, key: unknown): Promise<(Counters & { _id: unknown })[]> {
  if (from.getTime() >= to.getTime()) return [];
  const [acceptMs, acceptN] = spanMs('$acceptedAt', '$createdAt');
  const [arriveMs, arriveN] = spanMs('$arrivedAt', '$firstDispatchedAt');
  const [resolveMs, resolveN] = spanMs('$closedAt', '$createdAt', [CLOSED]);
  return Report.aggregate([
    { $match: { createdAt: { $gte: from, $lt: to }, status: { $nin: ['rejected', 'duplicate'] } } },
    {
      $group: {
        _id: key,
        received: { $sum: 1 },
        closed: is(CLOSED),
        fixed: is({ $and: [{ $eq: ['$status', 'closed_fixed'] }, { $ne: ['$fixedByDefault', true] }] }),
        fixedByDefault: is({ $and: [{ $eq: ['$status', 'closed_fixed'] }, { $eq: ['$fixedByDefault', true] }] }),
        notFixed: is({ $eq: ['$status', 'closed_not_fixed'] }),
        onTime: is({
          $and: [CLOSED, { $ne: ['$sla.acceptOnTime', false] }, { $ne: ['$sla.arriveOnTime', false] }, { $ne: ['$sla.resolveOnTime', false] }],
        }),
        acceptMs,
        acceptN,
        arriveMs,
        arriveN,
        resolveMs,
        resolveN,
        ratingSum: { $sum: { $cond: [RATED, '$confirmation.rating', 0] } },
        ratingN: is(RATED),
      },
    },
  ]);
}

/**
 * The figures of [from, to) grouped by `by` (null: one total row keyed ''): whole Shanghai days
 * from the daily rollups (a range read on `slot`, however many reports), the partial days at the
 * ends from the reports. Both count alike, so the answer is exact for any instants.
 */
async function counters(from: Date, to: Date, by: TStatsQuery['by'] | null): Promise<Map<string, Counters>> {
  const firstFull = shanghaiDayStart(shanghaiDay(new Date(from.getTime() - 1 + DAY_MS)));
  const lastEnd = shanghaiDayStart(shanghaiDay(to));
  const out = new Map<string, Counters>();
  const add = (key: string, c: Partial<Counters>) => {
    const acc = out.get(key) ?? zeroCounters();
    for (const k of COUNTERS) acc[k] += c[k] ?? 0;
    out.set(key, acc);
  };
  const rawKey = by ? RAW_KEY[by] : null;
  const edges = firstFull.getTime() < lastEnd.getTime() ? [[from, firstFull], [lastEnd, to]] : [[from, to]];
  for (const [a, b] of edges) for (const row of await rawCounters(a, b, rawKey)) add(row._id === null || row._id === undefined ? '' : String(row._id), row);
  if (firstFull.getTime() < lastEnd.getTime()) {
    const dim = by === null || by === 'day' || by === 'month' ? 'total' : by;
    const lastDay = shanghaiDay(new Date(lastEnd.getTime() - 1));
    const docs = await ReportRollup.find({ slot: { $gte: `${dim}|${shanghaiDay(firstFull)}`, $lte: `${dim}|${lastDay}` } }).lean();
    for (const d of docs) {
      const day = d.slot.slice(dim.length + 1);
      add(by === 'day' ? day : by === 'month' ? day.slice(0, 7) : d.key, d);
    }
  }
  for (const [k, c] of out) if (c.received === 0) out.delete(k);
  return out;
}

const rate = (n: number, d: number): number | null => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);
const round = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 10) / 10 : null);

const avgMinutes = (ms: number, n: number): number | null => (n > 0 ? round(ms / n / 60_000) : null);

function rates(key: string, label: string, r: Counters): TReportRates {
  return {
    key,
    label,
    received: r.received,
    closed: r.closed,
    fixed: r.fixed,
    fixedByDefault: r.fixedByDefault,
    notFixed: r.notFixed,
    onTime: r.onTime,
    processingRate: rate(r.closed, r.received),
    fixedRate: rate(r.fixed, r.received),
    fixedByDefaultRate: rate(r.fixedByDefault, r.received),
    onTimeRate: rate(r.onTime, r.closed),
    avgAcceptMinutes: avgMinutes(r.acceptMs, r.acceptN),
    avgArriveMinutes: avgMinutes(r.arriveMs, r.arriveN),
    avgResolveMinutes: avgMinutes(r.resolveMs, r.resolveN),
    avgRating: r.ratingN > 0 ? round(r.ratingSum / r.ratingN) : null,
  };
}

async function labels(by: TStatsQuery['by']): Promise<Map<string, string>> {
  if (by === 'category') return new Map((await listCategories(false)).map((c) => [c.code, c.label]));
  // Deleted grids and departments keep their last name (tombstones), marked 已删除.
  if (by === 'grid' || by === 'department') return setupNames(by);
  return new Map();
}

/** A key with no name at all (deleted before tombstones were kept): say what it was, not a raw id. */
const unnamed = (by: TStatsQuery['by'], key: string) => (by === 'grid' ? '已删除的网格' : by === 'department' ? '已删除的部门' : key);

export async function reportStats(q: TStatsQuery) {
  const [rows, names] = await Promise.all([counters(q.from, q.to, q.by), labels(q.by)]);
  // Every received report is in exactly one row, so the total is their sum.
  const total = new Map([['', zeroCounters()]]);
  for (const r of rows.values()) for (const k of COUNTERS) total.get('')![k] += r[k];
  const none = q.by === 'grid' ? '网格外（调度）' : q.by === 'department' ? '未派遣' : '—';
  return {
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    total: rates('total', '合计', total.get('') ?? zeroCounters()),
    rows: [...rows]
      .map(([key, r]) => rates(key, key ? (names.get(key) ?? unnamed(q.by, key)) : none, r))
      .sort((a, b) => (q.by === 'day' || q.by === 'month' ? a.key.localeCompare(b.key) : b.received - a.received)),
  };
}

const pct = (v: number | null) => (v === null ? '' : `${(v * 100).toFixed(1)}%`);
const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // Quote, and defuse spreadsheet formulas (=, +, -, @ at the start).
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

export function statsCsv(result: Awaited<ReturnType<typeof reportStats>>): string {
  const head = ['分组', '受理量', '办结量', '已解决', '默认解决', '未解决', '按时办结', '办结率', '解决率', '默认解决率', '按时率', '平均受理(分钟)', '平均到场(分钟)', '平均办结(分钟)', '平均评分'];
  const line = (r: TReportRates) =>
    [r.label, r.received, r.closed, r.fixed, r.fixedByDefault, r.notFixed, r.onTime, pct(r.processingRate), pct(r.fixedRate), pct(r.fixedByDefaultRate), pct(r.onTimeRate), r.avgAcceptMinutes, r.avgArriveMinutes, r.avgResolveMinutes, r.avgRating]
      .map(cell)
      .join(',');
  // BOM: Excel opens UTF-8 CSV as such only with it.
  return `\uFEFF${head.map(cell).join(',')}\r\n${[...result.rows, result.total].map(line).join('\r\n')}\r\n`;
}

const viewers = anyRole('dispatcher', 'district_admin');

export function statsRoutes(deps: AppDeps): RouteSpec[] {
  void deps;
  return [
    defineRoute<undefined, TStatsQuery>({
      method: 'get',
      path: '/api/admin/report-stats',
      summary: '工单统计：办结率（已解决、未解决、默认解决分列）、按时率、平均受理/到场/办结时间，按类别、网格、部门、日、月分组',
      tags: ['reports', 'admin'],
      policy: viewers,
      response: ZStatsResult,
      query: ZStatsQuery,
      handler: async (ctx, { query }) => void (ctx.body = await reportStats(query)),
    }),
    defineRoute<undefined, TStatsQuery>({
      method: 'get',
      path: '/api/admin/report-stats.csv',
      summary: '工单统计导出 CSV（与统计页相同的口径）',
      tags: ['reports', 'admin'],
      policy: viewers,
      produces: 'text/csv',
      query: ZStatsQuery,
      handler: async (ctx, { query }) => {
        ctx.set('Content-Disposition', `attachment; filename="report-stats-${query.by}.csv"`);
        ctx.type = 'text/csv; charset=utf-8';
        ctx.body = statsCsv(await reportStats(query));
      },
    }),
  ];
}
