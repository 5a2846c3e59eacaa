import type { TTemplateKey } from '@shared/schemas/notifications';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../http/actor';

/**
 * A content kind in the district's one 内容审核 queue. A module registers one
 * kind per thing it holds for a human (a new activity, a volunteer intro, a
 * signup note, later a notice or a public report reply) and says:
 * - how to list held items and show one: public text only, the author masked
 *   (private records — lawyers' notes, dispute details — are never put in an item);
 * - how to approve or reject one: a guarded write on the held version, so an
 *   item changed or decided meanwhile is refused (409), never decided blind;
 * - what the audit log records and what the author is told.
 * The queue does the rest: routes, the policy, audit, the author's message.
 */
export interface ReviewItem {
  id: string;
  /** Changes whenever the held content changes (a timestamp or a hash of the held text). */
  version: string;
  /** What is held, e.g. 新活动 / 活动修改. */
  state: string;
  title: string;
  text: string;
  previous?: string | null;
  images?: { url: string; label?: string | null }[];
  author: { nameMasked: string };
  context?: { label: string; value: string }[];
  heldAt: Date;
}

export interface ReviewDecision {
  decision: 'approve' | 'reject';
  /** '' when approving. */
  reason: string;
  /** The version the moderator saw; when given and no longer current the decision is refused as stale. */
  version?: string;
}

/** The author's message after a decision (inbox + subscribe message when consented). */
export interface AuthorNotice {
  users: string[];
  title: string;
  body: string;
  link: string;
  templateKey?: TTemplateKey;
}

export interface ReviewAudit {
  action: string;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
}

export type ReviewApplied = {
  outcome: string;
  /** The decided resource as its module presents it (returned to the moderator). */
  result: Record<string, unknown>;
  audit: ReviewAudit;
  tell?: AuthorNotice;
};

/** not_found: no such resource; nothing_held: nothing waits (already decided, withdrawn); stale: the held version changed. */
export type ReviewRefused = { outcome: 'not_found' | 'nothing_held' | 'stale' };

export interface ReviewKind {
  /** URL-safe name, unique across modules: `activity`, `signup-note`, `notice`. */
  name: string;
  /** Tab label on the district page. */
  label: string;
  /** What the moderator is told after approving. */
  approvedHint: string;
  /** Held items, oldest first. */
  list(deps: AppDeps, page: { skip: number; limit: number }): Promise<{ items: ReviewItem[]; total: number }>;
  /** Held items waiting (cheap: feeds the tab counts). */
  count(deps: AppDeps): Promise<number>;
  /** Apply a decision with one guarded write; no audit or messages here, the queue does those. */
  decide(deps: AppDeps, actor: Actor, id: string, decision: ReviewDecision): Promise<ReviewApplied | ReviewRefused>;
}

const kinds = new Map<string, ReviewKind>();

/**
 * Adds (or replaces, by name) content kinds. Modules list theirs in their
 * definition (`defineModule({ reviewKinds })`) and the module list passes them
 * here when the app is composed; registering the same list twice is harmless.
 */
export function registerReviewKind(...list: ReviewKind[]): void {
  for (const k of list) kinds.set(k.name, k);
}

export const reviewKind = (name: string): ReviewKind | undefined => kinds.get(name);
export const reviewKinds = (): ReviewKind[] => [...kinds.values()];
