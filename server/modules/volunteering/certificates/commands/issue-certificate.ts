import { Types } from 'mongoose';
import type { Refusal } from '../../../../platform/outcome';
import { CERTIFICATE_LISTING_DAYS } from '@shared/schemas/volunteering/certificates';
import { teamBrief, teamNamesByIds } from '../../../org';
import { realNameMasks } from '../../../users';
import { confirmedServiceOf } from '../../hours';
import { findVolunteerByUser } from '../../volunteers';
import { Certificate, type CertificateDoc, type CertificateServiceDoc, type CertificateStatus } from '../model';
import { issueSerial } from '../serial';
import { certificateSettings, districtIssuerName } from '../settings';

const DAY_MS = 86_400_000;

export type IssueCertificateResult =
  | { outcome: 'issued'; certificate: CertificateDoc }
  | Refusal<'not_verified' | 'team_not_found' | 'no_hours'>;

/**
 * Self-service certificate. Built from the confirmed ledger (adjustments included), one
 * line per activity, so the paper always agrees with the ledger at the time of issue.
 * Needs real-name verification: the Ministry's record identifies the volunteer.
 * The district's settings decide the workflow (民发〔2015〕149号): with `requireConfirmation` it
 * waits for the issuer (pending); otherwise with `publicListing` it is listed for 7 days to the
 * issuer's members and takes effect after them; otherwise it is issued at once.
 */
export async function issueCertificate(input: {
  userId: string;
  teamId?: string;
  now: Date;
}): Promise<IssueCertificateResult> {
  const realName = await realNameMasks(input.userId);
  if (!realName) return { outcome: 'not_verified' };
  const userId = new Types.ObjectId(input.userId);
  let teamId: Types.ObjectId | undefined;
  const settings = await certificateSettings();
  let issuer: CertificateDoc['issuer'];
  if (input.teamId) {
    const team = await teamBrief(input.teamId);
    if (!team) return { outcome: 'team_not_found' };
    teamId = team._id;
    // A team certifies its own members' service: its contact person answers for it.
    issuer = {
      type: 'team',
      name: team.name,
      team: team._id,
      personInCharge: team.contact?.name ?? '',
      handler: '',
      contact: team.contact?.phone ?? '',
    };
  } else {
    issuer = {
      type: 'district',
      name: await districtIssuerName(settings),
      team: null,
      personInCharge: settings.personInCharge,
      handler: settings.handler,
      contact: settings.contact,
    };
  }

  const entries = await confirmedServiceOf(userId, teamId);
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
  const teamNames = await teamNamesByIds([...new Set(lines.map((l) => String(l.team)))].map((id) => new Types.ObjectId(id)));
  const services: CertificateServiceDoc[] = lines.map((l) => ({
    activity: l.activity,
    activityTitle: l.activityTitle,
    teamName: teamNames.get(String(l.team)) ?? '',
    date: l.date,
    minutes: l.minutes,
  }));

  const volunteer = await findVolunteerByUser(input.userId);
  const status: CertificateStatus = settings.requireConfirmation
    ? 'pending'
    : settings.publicListing
      ? 'listed'
      : 'issued';
  const listedUntil = status === 'listed' ? new Date(input.now.getTime() + CERTIFICATE_LISTING_DAYS * DAY_MS) : null;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const created = await Certificate.create({
        serial: issueSerial(input.now),
        user: userId,
        status,
        holder: {
          nameMasked: realName.nameMasked,
          idNumberMasked: realName.idNumberMasked,
          idType: '居民身份证',
          volunteerNo: volunteer?.volunteerNo ?? null,
        },
        totalMinutes,
        services,
        issuer,
        requestedAt: input.now,
        listedUntil,
        issuedAt: listedUntil ?? input.now,
      });
      return { outcome: 'issued', certificate: created.toObject() };
    } catch (err) {
      // 40 random bits: a collision is astronomically rare; try a fresh serial.
      if ((err as { code?: number }).code !== 11000 || attempt >= 2) throw err;
    }
  }
}
