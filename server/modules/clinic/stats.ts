/** Clinic statistics for a clinic or the whole district over a period of Asia/Shanghai days. */
import { Types } from 'mongoose';
import { CLINIC_TOPIC_LABELS, type TClinicTopic } from '@shared/schemas/clinic/clinics';
import { MEDIATION_OUTCOME_LABELS, type TClinicStatsDto, type TStatsQuery } from '@shared/schemas/clinic/mediation';

type TNoShow = TClinicStatsDto['noShow'];
import { Booking, MediationCase } from './model';
import { activeClinicIds, clinicNames, providersByIds } from './queries';
import { addDays, dayStart } from './slots';
import { monthlySeries } from './stats-monthly';

/** 达成协议 ÷ (达成协议 + 未达成), withdrawn cases excluded (DECISIONS); null before any result. */
export const successRate = (agreement: number, noAgreement: number): number | null =>
  agreement + noAgreement === 0 ? null : Math.round((agreement / (agreement + noAgreement)) * 1000) / 1000;

type Row = {
  resident: Types.ObjectId;
  clinic: Types.ObjectId;
  provider: Types.ObjectId;
  status: string;
  noShowSide?: 'resident' | 'provider';
};
type CaseRow = { clinic?: Types.ObjectId | null; status: string; outcome?: string; openedAt: Date; closedAt?: Date };

const rate = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 1000 : 0);

/** Either side's no-shows among finished bookings (completed or no-show). */
function noShowOf(bookings: Row[]): TNoShow {
  const resident = bookings.filter((b) => b.status === 'no_show' && b.noShowSide === 'resident').length;
  const provider = bookings.filter((b) => b.status === 'no_show' && b.noShowSide === 'provider').length;
  const all = bookings.filter((b) => b.status === 'no_show').length;
  return { resident, provider, rate: rate(all, bookings.length) };
}

function served(bookings: Row[]) {
  const completed = bookings.filter((b) => b.status === 'completed');
  return { peopleServed: new Set(completed.map((b) => String(b.resident))).size, consultations: completed.length };
}

/** Cases opened in the period, and results reached in it (a case opened before may close now). */
function mediationOf(touched: CaseRow[], inPeriod: (d?: Date) => boolean) {
  const cases = touched.filter((c) => inPeriod(c.openedAt));
  const results = touched.filter((c) => inPeriod(c.closedAt));
  const count = (o: string) => results.filter((c) => c.outcome === o).length;
  const agreement = count('agreement');
  const noAgreement = count('no_agreement');
  return {
    cases: cases.length,
    agreement,
    noAgreement,
    withdrawn: count('withdrawn'),
    open: cases.filter((c) => c.status === 'open').length,
    successRate: successRate(agreement, noAgreement),
  };
}

/** Rows grouped by a key, in first-seen order. */
function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) (out.get(key(r)) ?? out.set(key(r), []).get(key(r))!).push(r);
  return out;
}

/**
 * The stats of a clinic (`q.clinicId`) or the district. `providerNoShows`: whether the asker
 * may see each provider's no-show rate (statsPolicy); otherwise `byProvider` is empty.
 */
export async function clinicStats(
  q: TStatsQuery,
  scopeName: string,
  abilities: { providerNoShows: boolean },
): Promise<TClinicStatsDto> {
  const from = new Date(dayStart(q.from));
  const to = new Date(dayStart(addDays(q.to, 1)));
  const clinic = q.clinicId ? { clinic: new Types.ObjectId(q.clinicId) } : {};
  const bookings = await Booking.find(
    { ...clinic, startsAt: { $gte: from, $lt: to }, status: { $in: ['completed', 'no_show'] } },
    { resident: 1, clinic: 1, provider: 1, topic: 1, status: 1, noShowSide: 1, rating: 1 },
  ).lean();
  const inPeriod = (d?: Date) => d !== undefined && d >= from && d < to;
  const touched = await MediationCase.find(
    { ...clinic, $or: [{ openedAt: { $gte: from, $lt: to } }, { closedAt: { $gte: from, $lt: to } }] },
    { clinic: 1, status: 1, outcome: 1, openedAt: 1, closedAt: 1 },
  ).lean<CaseRow[]>();
  const completed = bookings.filter((b) => b.status === 'completed');
  const topics = new Map<string, number>();
  for (const b of completed) topics.set(b.topic, (topics.get(b.topic) ?? 0) + 1);
  const ratings = completed.flatMap((b) => (b.rating ? [b.rating.stars] : []));

  // The breakdowns: every clinic in scope (active ones even without activity), every provider with some.
  const byClinicRows = groupBy(bookings, (b) => String(b.clinic));
  const casesByClinic = groupBy(
    touched.filter((c) => c.clinic),
    (c) => String(c.clinic),
  );
  const clinicIds = q.clinicId
    ? [q.clinicId]
    : [...new Set([...(await activeClinicIds()), ...byClinicRows.keys(), ...casesByClinic.keys()])];
  const clinicName = await clinicNames(clinicIds.map((id) => new Types.ObjectId(id)));
  const byProviderRows = abilities.providerNoShows
    ? groupBy(bookings, (b) => String(b.provider))
    : new Map<string, typeof bookings>();
  const providers = new Map(
    (await providersByIds([...byProviderRows.keys()].map((id) => new Types.ObjectId(id)))).map((p) => [
      String(p._id),
      p,
    ]),
  );

  return {
    scope: { clinicId: q.clinicId ?? null, name: scopeName, from: q.from, to: q.to },
    ...served(bookings),
    byTopic: [...topics.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([topic, n]) => ({ topic, label: CLINIC_TOPIC_LABELS[topic as TClinicTopic] ?? topic, count: n })),
    noShow: noShowOf(bookings),
    mediation: mediationOf(touched, inPeriod),
    byMonth: await monthlySeries(q, { from, to }, clinic, touched, successRate),
    abilities,
    averageRating: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : null,
    byClinic: clinicIds
      .map((id) => {
        const rows = byClinicRows.get(id) ?? [];
        const { withdrawn: _w, open: _o, ...m } = mediationOf(casesByClinic.get(id) ?? [], inPeriod);
        return { clinicId: id, name: clinicName.get(id) ?? '', ...served(rows), noShow: noShowOf(rows), mediation: m };
      })
      .sort((a, b) => b.consultations - a.consultations || a.name.localeCompare(b.name, 'zh')),
    byProvider: [...byProviderRows.entries()]
      .map(([id, rows]) => {
        const p = providers.get(id);
        return {
          providerId: id,
          name: p?.displayName ?? '',
          kind: p?.kind ?? 'lawyer',
          clinicId: String(rows[0].clinic),
          clinicName: clinicName.get(String(rows[0].clinic)) ?? '',
          consultations: served(rows).consultations,
          noShow: noShowOf(rows),
        };
      })
      .sort((a, b) => b.noShow.rate - a.noShow.rate || b.consultations - a.consultations),
  };
}

const cell = (v: unknown): string => {
  const s = String(v ?? '');
  // Quote every cell; a leading = + - @ would run as a formula in a spreadsheet.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

export function statsCsv(s: TClinicStatsDto): string {
  const rows: unknown[][] = [
    ['范围', s.scope.name],
    ['期间', `${s.scope.from} 至 ${s.scope.to}`],
    ['服务人数', s.peopleServed],
    ['咨询次数', s.consultations],
    ...s.byTopic.map((t) => [`咨询类别：${t.label}`, t.count]),
    ['居民未到场', s.noShow.resident],
    ['律师未到场', s.noShow.provider],
    ['未到场率', s.noShow.rate],
    ['调解案件', s.mediation.cases],
    [MEDIATION_OUTCOME_LABELS.agreement, s.mediation.agreement],
    [MEDIATION_OUTCOME_LABELS.no_agreement, s.mediation.noAgreement],
    [MEDIATION_OUTCOME_LABELS.withdrawn, s.mediation.withdrawn],
    ['调解中', s.mediation.open],
    ['调解成功率（达成协议 ÷ (达成协议 + 未达成)）', s.mediation.successRate ?? '—'],
    ['平均评分', s.averageRating ?? '—'],
    ...s.byClinic.flatMap((c) => [
      [`诊所「${c.name}」服务人数`, c.peopleServed],
      [`诊所「${c.name}」咨询次数`, c.consultations],
      [`诊所「${c.name}」未到场率`, c.noShow.rate],
      [`诊所「${c.name}」调解成功率`, c.mediation.successRate ?? '—'],
    ]),
    ...s.byProvider.map((p) => [`${p.clinicName} ${p.name} 未到场率（咨询 ${p.consultations} 次）`, p.noShow.rate]),
  ];
  return `\uFEFF项目,数值\r\n${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
