import { z } from 'zod';
import { ZObjectId } from '../common';
import { ZApprovalDecisionInput, ZModerationDecisionInput, ZPageQuery, zText } from './common';
import type { TApplicantSummaryDto } from './volunteers';

export const SIGNUP_STATUSES = [
  'pending_approval',
  'confirmed',
  'waitlisted',
  'offered',
  'cancelled',
  'late_cancelled',
  'no_show',
  'rejected',
  'offer_expired',
  'activity_cancelled',
] as const;
export type TSignupStatus = (typeof SIGNUP_STATUSES)[number];
/** Statuses that hold a place or a queue position (and a slot in the volunteer's schedule). */
export const ACTIVE_SIGNUP_STATUSES = ['pending_approval', 'confirmed', 'waitlisted', 'offered'] as const;

/** Named outcomes of POST /api/shifts/:id/signups (HTTP 200 for placed outcomes, 409/422 otherwise). */
export type TSignupOutcome = 'confirmed' | 'waitlisted' | 'pending_approval' | 'offered';
export type TCancelOutcome = 'cancelled' | 'late_cancelled';

export const ZSignupInput = z.strictObject({ note: zText('备注', 0, 200).optional() });
export type TSignupInput = z.infer<typeof ZSignupInput>;

export const ZShiftParams = z.strictObject({ id: ZObjectId });
export type TShiftParams = z.infer<typeof ZShiftParams>;
export const ZSignupParams = z.strictObject({ id: ZObjectId });
export type TSignupParams = z.infer<typeof ZSignupParams>;

export const ZSignupDecisionInput = ZApprovalDecisionInput;
export type TSignupDecisionInput = z.infer<typeof ZSignupDecisionInput>;

export const ZMySignupsQuery = z.strictObject({
  scope: z.enum(['upcoming', 'past', 'all'], { error: '范围只能是 upcoming、past 或 all' }).default('upcoming'),
  ...ZPageQuery,
});
export type TMySignupsQuery = z.infer<typeof ZMySignupsQuery>;

export const ZApplicantsQuery = z.strictObject({
  status: z.enum(SIGNUP_STATUSES, { error: '状态无效' }).optional(),
  shiftId: ZObjectId.optional(),
  ...ZPageQuery,
});
export type TApplicantsQuery = z.infer<typeof ZApplicantsQuery>;

export interface TSignupDto {
  id: string;
  shiftId: string;
  activityId: string;
  teamId: string;
  status: TSignupStatus;
  waitPos: number | null;
  /** Position among those still waiting (1 = next), for waitlisted signups. */
  aheadOfYou: number | null;
  offerExpiresAt: string | null;
  shift: { start: string; end: string };
  activity: { title: string; address: string } | null;
  checkinAt: string | null;
  checkoutAt: string | null;
  autoCheckedOut: boolean;
  note: string;
  /** The content check held the note for the district's review: the team does not see it yet. */
  noteUnderReview: boolean;
  reason: string | null;
  createdAt: string;
}

export interface TSignupResult {
  outcome: TSignupOutcome;
  signup: TSignupDto;
}

export interface TApplicantDto extends TSignupDto {
  applicant: TApplicantSummaryDto;
}

/** POST /api/admin/signups/:id/note-moderation — a district admin decides a held signup note. */
export const ZSignupNoteModerationInput = ZModerationDecisionInput;
export type TSignupNoteModerationInput = z.infer<typeof ZSignupNoteModerationInput>;

export const ZHeldNotesQuery = z.strictObject({ ...ZPageQuery });
export type THeldNotesQuery = z.infer<typeof ZHeldNotesQuery>;

/** A signup note the content check wanted a human to read, as the district moderator sees it. */
export interface THeldNoteDto {
  signupId: string;
  activityId: string;
  activityTitle: string;
  teamName: string;
  volunteerNo: string;
  nameMasked: string;
  note: string;
  status: TSignupStatus;
  createdAt: string;
}
