import { Schema, Types, model, type Model } from 'mongoose';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../http/actor';
import { heldInCollection } from './held-list';
import type { AuthorNotice, ReviewDecision, ReviewItem, ReviewKind } from './kind';

/**
 * Content held in the queue's own collection, for kinds whose module keeps no
 * held copy of its own (staff text caught by the keyword list, later notices
 * and public replies). The module calls `holdForReview` and registers a kind
 * made with `heldContentKind`, saying what a decision does to its resource.
 */
export interface ReviewHoldDoc {
  _id: Types.ObjectId;
  kind: string;
  /** The held resource in its module (e.g. a notice id): one open hold per (kind, ref). */
  ref: string;
  title: string;
  text: string;
  images: { url: string; label?: string | null }[];
  author?: Types.ObjectId;
  authorMasked: string;
  context: { label: string; value: string }[];
  /** Opaque module data the decision needs back (e.g. which fields were held). */
  payload?: Record<string, unknown>;
  heldAt: Date;
  /** New on every hold: what the moderator saw, sent back with the decision. */
  version: string;
  /** True while waiting for a decision (a partial unique index keeps one open hold per resource). */
  open: boolean;
  decidedAt?: Date;
  decision?: 'approve' | 'reject';
  reason?: string;
  decidedBy?: Types.ObjectId;
}

const HoldSchema = new Schema<ReviewHoldDoc>(
  {
    kind: { type: String, required: true },
    ref: { type: String, required: true },
    title: { type: String, default: '' },
    text: { type: String, default: '' },
    images: [{ _id: false, url: String, label: String }],
    author: Schema.Types.ObjectId,
    authorMasked: { type: String, default: '' },
    context: [{ _id: false, label: String, value: String }],
    payload: Schema.Types.Mixed,
    heldAt: { type: Date, required: true },
    version: { type: String, required: true },
    open: { type: Boolean, required: true },
    decidedAt: Date,
    decision: { type: String, enum: ['approve', 'reject'] },
    reason: String,
    decidedBy: Schema.Types.ObjectId,
  },
  { collection: 'review_holds', versionKey: false },
);
// The open queue, oldest first, per kind; and at most one open hold per resource.
HoldSchema.index({ kind: 1, open: 1, heldAt: 1 });
HoldSchema.index({ kind: 1, ref: 1 }, { unique: true, partialFilterExpression: { open: true } });

export const ReviewHold: Model<ReviewHoldDoc> = model<ReviewHoldDoc>('ReviewHold', HoldSchema);

export interface HoldInput {
  kind: string;
  ref: string;
  title: string;
  text: string;
  images?: { url: string; label?: string | null }[];
  author?: { userId?: string; nameMasked: string };
  context?: { label: string; value: string }[];
  payload?: Record<string, unknown>;
}

/**
 * Puts content in the district's 内容审核 queue ("hold this for review"). A
 * newer hold of the same resource replaces the open one (its version changes,
 * so a moderator looking at the old text cannot approve the new one blind).
 * Returns the hold id.
 */
export async function holdForReview(deps: AppDeps, input: HoldInput): Promise<string> {
  const author = input.author?.userId && Types.ObjectId.isValid(input.author.userId) ? new Types.ObjectId(input.author.userId) : undefined;
  const doc = await ReviewHold.findOneAndUpdate(
    { kind: input.kind, ref: input.ref, open: true },
    {
      $set: {
        title: input.title,
        text: input.text,
        images: input.images ?? [],
        author,
        authorMasked: input.author?.nameMasked ?? '',
        context: input.context ?? [],
        payload: input.payload,
        heldAt: deps.now(),
        version: new Types.ObjectId().toHexString(),
        open: true,
      },
    },
    { upsert: true, returnDocument: 'after' },
  ).lean<ReviewHoldDoc>();
  return String(doc!._id);
}

/** Withdraws the open hold of a resource (its author replaced or deleted the content). */
export async function releaseHold(kind: string, ref: string): Promise<boolean> {
  const r = await ReviewHold.deleteOne({ kind, ref, open: true });
  return r.deletedCount > 0;
}

export interface HeldContentKindSpec {
  name: string;
  label: string;
  approvedHint: string;
  /** Audit target type (e.g. 'notice'); the audit action is `<name>.approved|rejected`. */
  targetType: string;
  /** Applies the decision to the module's resource; returns what to show the moderator and tell the author. */
  apply(
    deps: AppDeps,
    actor: Actor,
    hold: ReviewHoldDoc,
    decision: ReviewDecision,
  ): Promise<{ result?: Record<string, unknown>; tell?: AuthorNotice }>;
}

const present = (h: ReviewHoldDoc): ReviewItem => ({
  id: String(h._id),
  version: h.version,
  state: '待审核',
  title: h.title,
  text: h.text,
  images: h.images,
  author: { nameMasked: h.authorMasked },
  context: h.context,
  heldAt: h.heldAt,
});

/** A review kind backed by `review_holds`: list, guarded claim, then the module's apply. */
export function heldContentKind(spec: HeldContentKindSpec): ReviewKind {
  const open = { kind: spec.name, open: true };
  return {
    name: spec.name,
    label: spec.label,
    approvedHint: spec.approvedHint,
    ...heldInCollection(ReviewHold, open, { heldAt: 1, _id: 1 }, (rows) => rows.map(present)),
    async decide(deps, actor, id, d) {
      const current = await ReviewHold.findOne({ _id: id, kind: spec.name }).lean<ReviewHoldDoc>();
      if (!current) return { outcome: 'not_found' };
      if (!current.open) return { outcome: 'nothing_held' };
      if (d.version && d.version !== current.version) return { outcome: 'stale' };
      const claimed = await ReviewHold.findOneAndUpdate(
        { _id: current._id, open: true, version: current.version },
        { $set: { open: false, decidedAt: deps.now(), decision: d.decision, reason: d.reason, decidedBy: new Types.ObjectId(actor.userId) } },
        { returnDocument: 'after' },
      ).lean<ReviewHoldDoc>();
      if (!claimed) return { outcome: 'nothing_held' };
      let applied: Awaited<ReturnType<HeldContentKindSpec['apply']>>;
      try {
        applied = await spec.apply(deps, actor, current, d);
      } catch (err) {
        // The module could not apply it: reopen the hold so the decision can be retried.
        await ReviewHold.updateOne(
          { _id: current._id },
          { $set: { open: true }, $unset: { decidedAt: 1, decision: 1, reason: 1, decidedBy: 1 } },
        );
        throw err;
      }
      const outcome = d.decision === 'approve' ? 'approved' : 'rejected';
      return {
        outcome,
        result: applied.result ?? {},
        tell: applied.tell,
        audit: {
          action: `${spec.name}.${outcome}`,
          target: { type: spec.targetType, id: current.ref },
          before: { title: current.title, text: current.text },
          after: { decision: d.decision, reason: d.reason },
        },
      };
    },
  };
}
