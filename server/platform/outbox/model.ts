import mongoose, { Schema, type Model, type Types } from 'mongoose';

export const OUTBOX_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type TOutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One domain event, written in the same transaction as the command's other writes (see
 * ../unit-of-work.ts), then handed to its subscribers by the dispatcher. `aggregate`
 * (`signup:<id>`, `activity:<id>`) orders delivery: an event waits while an earlier event of
 * the same aggregate is still pending.
 */
export interface OutboxEventDoc {
  _id: Types.ObjectId;
  type: string;
  aggregate: string;
  payload: Record<string, unknown>;
  /** The audit-log entry this event stands for (see event.ts). */
  audit?: Record<string, unknown>;
  status: TOutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  /** A dispatcher owns the event until then (several processes may dispatch). */
  leaseUntil?: Date;
  lastError?: string;
  /** The subscriber whose failure dead-lettered the event. */
  failedSubscriber?: string;
  deliveredAt?: Date;
  deadAt?: Date;
  createdAt: Date;
}

const OutboxEventSchema = new Schema<OutboxEventDoc>(
  {
    type: { type: String, required: true },
    aggregate: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, default: {} },
    audit: { type: Schema.Types.Mixed },
    status: { type: String, enum: OUTBOX_STATUSES, required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    leaseUntil: Date,
    lastError: String,
    failedSubscriber: String,
    deliveredAt: Date,
    deadAt: Date,
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'outbox' },
);
// The dispatcher's scan (pending, oldest first) and the per-aggregate ordering check.
OutboxEventSchema.index({ status: 1, _id: 1 });
OutboxEventSchema.index({ aggregate: 1, status: 1, _id: 1 });
OutboxEventSchema.index({ status: 1, deadAt: -1 });
// Delivered events are kept a week for inspection, then removed.
OutboxEventSchema.index({ deliveredAt: 1 }, { expireAfterSeconds: 7 * 24 * 3600 });

/**
 * "Subscriber S has handled event E": written in the same transaction as the subscriber's own
 * writes, with a unique index, so a second delivery of E to S changes nothing.
 */
export interface OutboxReceiptDoc {
  _id: Types.ObjectId;
  subscriber: string;
  event: Types.ObjectId;
  at: Date;
}

const OutboxReceiptSchema = new Schema<OutboxReceiptDoc>(
  {
    subscriber: { type: String, required: true },
    event: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'outbox_receipts' },
);
OutboxReceiptSchema.index({ subscriber: 1, event: 1 }, { unique: true });
OutboxReceiptSchema.index({ at: 1 }, { expireAfterSeconds: 30 * 24 * 3600 });

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

export const OutboxEvent = modelOf('OutboxEvent', OutboxEventSchema);
export const OutboxReceipt = modelOf('OutboxReceipt', OutboxReceiptSchema);
