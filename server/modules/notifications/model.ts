import mongoose, { Schema, type Model, type Types } from 'mongoose';

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped_no_consent'] as const;
export type TNotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * The outbox. An `inbox` item is the in-app message (delivered on write); a
 * `subscribe` item is a WeChat subscribe message waiting for the sender, which
 * claims it with a lease (`status: sending`, `leaseUntil`) so two processes
 * never send the same item at once.
 */
export interface NotificationDoc {
  _id: Types.ObjectId;
  user: Types.ObjectId;
  channel: 'inbox' | 'subscribe';
  templateKey?: string;
  templateId?: string;
  title: string;
  body: string;
  link?: string;
  data?: Record<string, unknown>;
  status: TNotificationStatus;
  attempts: number;
  nextAttemptAt?: Date;
  leaseUntil?: Date;
  /** True once one of the user's consents has been reserved for this message. */
  consentReserved: boolean;
  lastError?: string;
  msgid?: number;
  dedupeKey?: string;
  readAt?: Date;
  sentAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const NotificationSchema = new Schema<NotificationDoc>(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    channel: { type: String, enum: ['inbox', 'subscribe'], required: true },
    templateKey: String,
    templateId: String,
    title: { type: String, required: true },
    body: { type: String, default: '' },
    link: String,
    data: { type: Schema.Types.Mixed },
    status: { type: String, enum: NOTIFICATION_STATUSES, required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: Date,
    leaseUntil: Date,
    consentReserved: { type: Boolean, default: false },
    lastError: String,
    msgid: Number,
    dedupeKey: String,
    readAt: Date,
    sentAt: Date,
  },
  { timestamps: true, versionKey: false, collection: 'notifications' },
);

NotificationSchema.index({ dedupeKey: 1 }, { unique: true, partialFilterExpression: { dedupeKey: { $exists: true } } });
NotificationSchema.index({ user: 1, channel: 1, createdAt: -1 });
NotificationSchema.index({ channel: 1, status: 1, nextAttemptAt: 1 });

export const Notification: Model<NotificationDoc> =
  (mongoose.models.Notification as Model<NotificationDoc> | undefined) ??
  mongoose.model<NotificationDoc>('Notification', NotificationSchema);
