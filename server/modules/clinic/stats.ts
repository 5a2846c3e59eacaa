/** Clinic statistics for a clinic or the whole district over a period of Asia/Shanghai days. */
import { Types } from 'mongoose';
import { CLINIC_TOPIC_LABELS, type TClinicTopic } from '@shared/schemas/clinic/clinics';
import { MEDIATION_OUTCOME_LABELS, type TClinicStatsDto, type TStatsQuery } from '@shared/schemas/clinic/mediation';
import { Booking, MediationCase } from './model';
import { addDays, dayStart } from './slots';

/** 达成协议 ÷ (达成协议 + 未达成), withdrawn cases excluded (DECISIONS); null before any result. */
export const successRate = (agreement: number, noAgreement: number): number | null =>
  agreement + noAgreement === 0 ? null : Math.round((agreement / (agreement + noAgreement)) * 1000) / 1000;

export async function clinicStats(q: TStatsQuery, scopeName: string): Promise<TClinicStatsDto> {
  const from = new Date(dayStart(q.from));
  const to = new Date(dayStart(addDays(q.to, 1)));
  const clinic = q.clinicId ? { clinic: new Types.ObjectId(q.clinicId) } : {};
  const bookings = await Booking.find(
    { ...clinic, startsAt: { $gte: from, $lt: to }, status: { $in: ['completed', 'no_show'] } },
    { resident: 1, topic: 1, status: 1, noShowSide: 1, rating: 1 },
  ).lean();
  const inPeriod = (d?: Date) => d !== undefined && d >= from && d < to;
  // Cases opened in the period, and results reached in it (a case opened before may close now).
  const touched = await MediationCase.find(
    { ...clinic, $or: [{ openedAt: { $gte: from, $lt: to } }, { closedAt: { $gte: from, $lt: to } }] },
    { status: 1, outcome: 1, openedAt: 1, closedAt: 1 },
  ).lean();
  const cases = touched.filter((c) => inPeriod(c.openedAt));
  const results = touched.filter((c) => inPeriod(c.closedAt));
  const completed = bookings.filter((b) => b.status === 'completed');
  const topics = new Map<string, number>();
  for (const b of completed) topics.set(b.topic, (topics.get(b.topic) ?? 0) + 1);
  const noShows = bookings.filter((b) => b.status === 'no_show');
  const count = (o: string) => results.filter((c) => c.outcome === o).length;
  const agreement = count('agreement');
  const noAgreement = count('no_agreement');
  const ratings = completed.flatMap((b) => (b.rating ? [b.rating.stars] : []));
  return {
    scope: { clinicId: q.clinicId ?? null, name: scopeName, from: q.from, to: q.to },
    peopleServed: new Set(completed.map((b) => String(b.resident))).size,
    consultations: completed.length,
    byTopic: [...topics.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([topic, n]) => ({ topic, label: CLINIC_TOPIC_LABELS[topic as TClinicTopic] ?? topic, count: n })),
    noShow: {
      resident: noShows.filter((b) => b.noShowSide === 'resident').length,
      provider: noShows.filter((b) => b.noShowSide === 'provider').length,
      rate: bookings.length ? Math.round((noShows.length / bookings.length) * 1000) / 1000 : 0,
    },
    mediation: {
      cases: cases.length,
      agreement,
      noAgreement,
      withdrawn: count('withdrawn'),
      open: cases.filter((c) => c.status === 'open').length,
      successRate: successRate(agreement, noAgreement),
    },
    averageRating: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : null,
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
  ];
  return `\uFEFF项目,数值\r\n${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
