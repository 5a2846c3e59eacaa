import { z } from 'zod';
import { ZDateOut, ZObjectId, zPage } from '../common';
import { ZApprovalDecisionInput, ZPageQuery, zText } from './common';
import { ZApplicantSummaryDto } from './volunteers';

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
export { ACTIVE_SIGNUP_STATUSES } from './constants';

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

export const ZSignupDto = z.object({
  id: z.string(),
  shiftId: z.string(),
  activityId: z.string(),
  teamId: z.string(),
  status: z.enum(SIGNUP_STATUSES),
  waitPos: z.number().int().nullable(),
  /** Position among those still waiting (1 = next), for waitlisted signups. */
  aheadOfYou: z.number().int().nullable(),
  offerExpiresAt: ZDateOut.nullable(),
  shift: z.object({ start: ZDateOut, end: ZDateOut }),
  activity: z.object({ title: z.string(), address: z.string() }).nullable(),
  checkinAt: ZDateOut.nullable(),
  checkoutAt: ZDateOut.nullable(),
  autoCheckedOut: z.boolean(),
  note: z.string(),
  /** The content check held the note for the district's review: the team does not see it yet. */
  noteUnderReview: z.boolean(),
  reason: z.string().nullable(),
  createdAt: ZDateOut,
});
export type TSignupDto = z.infer<typeof ZSignupDto>;

/** A signup, cancel, offer acceptance or decision: the named outcome and the signup as it now is. */
export const ZSignupResult = z.object({
  outcome: z.enum(['confirmed', 'waitlisted', 'pending_approval', 'offered', 'cancelled', 'late_cancelled', 'approved', 'rejected']),
  signup: ZSignupDto,
});
export type TSignupResult = z.infer<typeof ZSignupResult>;

export const ZApplicantDto = ZSignupDto.extend({ applicant: ZApplicantSummaryDto });
export type TApplicantDto = z.infer<typeof ZApplicantDto>;

export const ZMySignupsPage = zPage(ZSignupDto);
export const ZApplicantsPage = zPage(ZApplicantDto);
export const ZNoShowsMarked = z.object({ marked: z.number().int() });

