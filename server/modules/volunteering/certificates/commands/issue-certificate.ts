import { Types } from 'mongoose';
import type { Refusal } from '../../../../platform/outcome';
import { District, Team } from '../../../org';
import { User } from '../../../users';
import { HoursEntry } from '../../hours';
import { Certificate, type CertificateDoc, type CertificateServiceDoc } from '../model';
import { issueSerial } from '../serial';

const FALLBACK_ISSUER = '邻里志愿服务平台';

export type IssueCertificateResult =
  | { outcome: 'issued'; certificate: CertificateDoc }
  | Refusal<'not_verified' | 'team_not_found' | 'no_hours'>;

/**
 * Self-service certificate. Built from the confirmed ledger (adjustments included), one
 * line per activity, so the paper always agrees with the ledger at the time of issue.
 * Needs real-name verification: the Ministry's record identifies the volunteer.
 */
export async function issueCertificate(input: {
  userId: string;
  teamId?: string;
  now: Date;
}): Promise<IssueCertificateResult> {
  const user = await User.findById(input.userId, { realName: 1 }).lean();
  if (!user?.realName) return { outcome: 'not_verified' };
  const userId = new Types.ObjectId(input.userId);
  const filter: Record<string, unknown> = { user: userId, status: 'confirmed' };
  let issuer: CertificateDoc['issuer'];
  if (input.teamId) {
    const team = await Team.findById(input.teamId, { name: 1 }).lean();
    if (!team) return { outcome: 'team_not_found' };
    filter.team = team._id;
    issuer = { type: 'team', name: team.name, team: team._id };
  } else {
    const district = await District.findOne({}, { name: 1 }).sort({ createdAt: 1 }).lean();
    issuer = {
      type: 'district',
      name: district?.name ? `${district.name}志愿服务指导中心` : FALLBACK_ISSUER,
      team: null,
    };
  }

  const entries = await HoursEntry.find(filter, {
    activity: 1,
    activityTitle: 1,
    team: 1,
    serviceDate: 1,
    minutes: 1,
  }).lean();
  const byActivity = new Map<string, CertificateServiceDoc & { team: Types.ObjectId }>();
  for (const e of entries) {
    const key = e.activity ? String(e.activity) : `none:${e.activityTitle}`;
    const line = byActivity.get(key) ?? {
      activity: e.activity,
      activityTitle: e.activityTitle,
      teamName: '',
      date: e.serviceDate,
      minutes: 0,
      team: e.team,
    };
    line.minutes += e.minutes;
    if (e.serviceDate < line.date) line.date = e.serviceDate;
    byActivity.set(key, line);
  }
  const lines = [...byActivity.values()]
    .filter((l) => l.minutes > 0)
    .sort((a, b) => a.date.getTime() - b.date.getTime());
  const totalMinutes = lines.reduce((s, l) => s + l.minutes, 0);
  if (totalMinutes <= 0) return { outcome: 'no_hours' };
  const teams = await Team.find(
    { _id: { $in: [...new Set(lines.map((l) => String(l.team)))].map((id) => new Types.ObjectId(id)) } },
    { name: 1 },
  ).lean();
  const teamNames = new Map(teams.map((t) => [String(t._id), t.name]));
  const services: CertificateServiceDoc[] = lines.map((l) => ({
    activity: l.activity,
    activityTitle: l.activityTitle,
    teamName: teamNames.get(String(l.team)) ?? '',
    date: l.date,
    minutes: l.minutes,
  }));

  for (let attempt = 0; ; attempt += 1) {
    try {
      const created = await Certificate.create({
        serial: issueSerial(input.now),
        user: userId,
        holder: { nameMasked: user.realName.nameMasked, idNumberMasked: user.realName.idNumberMasked },
        totalMinutes,
        services,
        issuer,
        issuedAt: input.now,
      });
      return { outcome: 'issued', certificate: created.toObject() };
    } catch (err) {
      // 40 random bits: a collision is astronomically rare; try a fresh serial.
      if ((err as { code?: number }).code !== 11000 || attempt >= 2) throw err;
    }
  }
}
