/**
 * The district's figures (DECISIONS "Reports"): of the reports received in the period (rejected
 * and duplicates are not received cases), 办结率 = closed (fixed, not fixed, fixed by default) ÷
 * received; fixed and fixed-by-default are counted apart; on time = closed with every target met
 * (accept, arrive, resolve); average minutes to accept (from submission), arrive (from the first
 * dispatch) and resolve (from submission, for closed cases). One aggregation, grouped by category,
 * grid, department, day or month (Asia/Shanghai dates). CSV export for spreadsheets.
 */
import type { TReportRates, TStatsQuery } from '@shared/schemas/reports/reports';
import { ZStatsQuery, ZStatsResult } from '@shared/schemas/reports/reports';
import type { AppDeps } from '../../deps';
import { anyRole } from '../../http/policy';
import { defineRoute, type RouteSpec } from '../../http/route';
import { Report } from './model';
import { listCategories, listDepartments, listGrids } from './queries';

const SHANGHAI_MS = 8 * 3_600_000;
const shanghaiDay = (len: number) => ({ $substr: [{ $dateToString: { format: '%Y-%m-%d', date: { $add: ['$createdAt', SHANGHAI_MS] } } }, 0, len] });
const KEY: Record<TStatsQuery['by'], unknown> = {
  category: '$category',
  grid: '$grid',
  department: '$department',
  day: shanghaiDay(10),
  month: shanghaiDay(7),
};
const is = (cond: unknown) => ({ $sum: { $cond: [cond, 1, 0] } });
const CLOSED = { $in: ['$status', ['closed_fixed', 'closed_not_fixed']] };
const minutesBetween = (later: string, earlier: string) => ({
  $avg: { $cond: [{ $and: [later, earlier] }, { $divide: [{ $subtract: [later, earlier] }, 60_000] }, null] },
});

interface Row {
  _id: unknown;
  received: number;
  closed: number;
  fixed: number;
  fixedByDefault: number;
  notFixed: number;
  onTime: number;
  accept: number | null;
  arrive: number | null;
  resolve: number | null;
  rating: number | null;
}

async function aggregate(from: Date, to: Date, key: unknown): Promise<Row[]> {
  return Report.aggregate<Row>([
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
        accept: minutesBetween('$acceptedAt', '$createdAt'),
        arrive: minutesBetween('$arrivedAt', '$firstDispatchedAt'),
        resolve: { $avg: { $cond: [CLOSED, { $divide: [{ $subtract: ['$closedAt', '$createdAt'] }, 60_000] }, null] } },
        rating: { $avg: '$confirmation.rating' },
      },
    },
  ]);
}

const rate = (n: number, d: number): number | null => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);
const round = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 10) / 10 : null);

function rates(key: string, label: string, r: Omit<Row, '_id'>): TReportRates {
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
    avgAcceptMinutes: round(r.accept),
    avgArriveMinutes: round(r.arrive),
    avgResolveMinutes: round(r.resolve),
    avgRating: round(r.rating),
  };
}

async function labels(by: TStatsQuery['by']): Promise<Map<string, string>> {
  if (by === 'category') return new Map((await listCategories(false)).map((c) => [c.code, c.label]));
  if (by === 'grid') return new Map((await listGrids()).map((g) => [String(g._id), g.name]));
  if (by === 'department') return new Map((await listDepartments()).map((d) => [String(d._id), d.name]));
  return new Map();
}

export async function reportStats(q: TStatsQuery) {
  const [rows, total, names] = await Promise.all([aggregate(q.from, q.to, KEY[q.by]), aggregate(q.from, q.to, null), labels(q.by)]);
  const empty = { received: 0, closed: 0, fixed: 0, fixedByDefault: 0, notFixed: 0, onTime: 0, accept: null, arrive: null, resolve: null, rating: null };
  const none = q.by === 'grid' ? '网格外（调度）' : q.by === 'department' ? '未派遣' : '—';
  return {
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    total: rates('total', '合计', total[0] ?? empty),
    rows: rows
      .map((r) => {
        const key = r._id === null || r._id === undefined ? '' : String(r._id);
        return rates(key, key ? (names.get(key) ?? key) : none, r);
      })
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
