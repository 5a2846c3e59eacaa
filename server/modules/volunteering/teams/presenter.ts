import type { TMembershipDto, TTeamDetailDto, TTeamSummaryDto } from '@shared/schemas/volunteering/teams';
import type { TeamDoc } from '../../org';
import type { TeamMembershipDoc, TeamProfileDoc } from './model';

const point = (t: Pick<TeamDoc, 'location'>) =>
  t.location ? { lng: t.location.coordinates[0], lat: t.location.coordinates[1] } : null;

export function presentTeamSummary(
  t: TeamDoc,
  profile: TeamProfileDoc | null,
  distanceM?: number,
): TTeamSummaryDto {
  return {
    id: String(t._id),
    name: t.name,
    hostOrg: t.hostOrg,
    serviceArea: t.serviceArea,
    status: t.status,
    location: point(t),
    ...(distanceM === undefined ? {} : { distanceM: Math.round(distanceM) }),
    memberCount: profile?.memberCount ?? 0,
  };
}

export function presentTeamDetail(
  t: TeamDoc,
  profile: TeamProfileDoc | null,
  mine: Pick<TeamMembershipDoc, 'role' | 'status'> | null,
  /** Confirmed minutes from the hours ledger's maintained team total. */
  confirmedMinutes = 0,
): TTeamDetailDto {
  const minutes = confirmedMinutes;
  return {
    ...presentTeamSummary(t, profile),
    address: profile?.address ?? '',
    intro: profile?.intro ?? '',
    contactName: t.contact?.name ?? null,
    totalMinutes: minutes,
    totalHours: Math.round((minutes / 60) * 10) / 10,
    rejectReason: profile?.rejectReason ?? null,
    // Only while the application waits: tells the district admin the texts need a careful read.
    ...(t.status === 'pending' ? { contentFlag: profile?.contentFlag ?? 'pass' } : {}),
    myMembership: mine ? { role: mine.role, status: mine.status } : null,
    createdAt: t.createdAt.toISOString(),
  };
}

export function presentMembership(m: TeamMembershipDoc, displayName: string): TMembershipDto {
  return {
    id: String(m._id),
    teamId: String(m.team),
    userId: String(m.user),
    displayName,
    role: m.role,
    status: m.status,
    message: m.message,
    messageHeld: m.heldMessage !== undefined,
    createdAt: m.createdAt.toISOString(),
    decidedAt: m.decidedAt ? m.decidedAt.toISOString() : null,
  };
}
