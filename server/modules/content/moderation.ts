/**
 * Helpers for modules that store user-generated content (issue reports,
 * gallery captions, help requests...). A 'review' outcome keeps the content
 * but hides it from others until a moderator decides.
 */
import type { TCheckOutcome } from './check';

export const MODERATION_STATUSES = ['published', 'pending_review', 'rejected'] as const;
export type TModerationStatus = (typeof MODERATION_STATUSES)[number];

export const moderationStatusFor = (outcome: TCheckOutcome): TModerationStatus =>
  outcome === 'pass' ? 'published' : 'pending_review';

/** Mongoose field definition for a moderation status (spread into a schema). */
export const moderationField = {
  type: String,
  enum: MODERATION_STATUSES,
  required: true,
  default: 'published',
} as const;

/** Visible to people other than the author and moderators. */
export const isPubliclyVisible = (status: TModerationStatus): boolean => status === 'published';

/**
 * Response status for a create: 201 when published, 202 (`content_under_review`)
 * when held, so clients can tell the author their post awaits review.
 */
export const createdStatusFor = (status: TModerationStatus): 201 | 202 => (status === 'published' ? 201 : 202);
