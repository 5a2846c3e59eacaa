import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { NOTICE_CATEGORIES, NOTICE_STATUSES, type TNoticeCategory, type TNoticeStatus } from '@shared/schemas/community/notices';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

export interface NoticeDoc {
  _id: Types.ObjectId;
  title: string;
  /** Sanitized HTML (sanitize.ts). */
  body: string;
  /** Plain text of the body: excerpts, checks, messages. */
  text: string;
  category: TNoticeCategory;
  /** Audience; empty = the whole district. */
  communities: Types.ObjectId[];
  pinned: boolean;
  urgent: boolean;
  expiresAt?: Date;
  attachments: { name: string; url: string }[];
  status: TNoticeStatus;
  author: Types.ObjectId;
  publishedAt?: Date;
  /** Distinct readers, maintained with each first read (NoticeRead). */
  readCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const NoticeSchema = new Schema<NoticeDoc>(
  {
    title: { type: String, required: true },
    body: { type: String, required: true },
    text: { type: String, required: true },
    category: { type: String, enum: NOTICE_CATEGORIES, required: true },
    communities: { type: [Schema.Types.ObjectId], default: [] },
    pinned: { type: Boolean, default: false },
    urgent: { type: Boolean, default: false },
    expiresAt: { type: Date },
    attachments: { type: [new Schema({ name: String, url: String }, { _id: false })], default: [] },
    status: { type: String, enum: NOTICE_STATUSES, required: true },
    author: { type: Schema.Types.ObjectId, required: true },
    publishedAt: { type: Date },
    readCount: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false, collection: 'notices' },
);
NoticeSchema.index({ status: 1, publishedAt: -1 });
NoticeSchema.index({ status: 1, urgent: 1, publishedAt: -1 });
NoticeSchema.index({ author: 1, createdAt: -1 });

export const Notice = modelOf('CommunityNotice', NoticeSchema);

/** One row per reader and notice: the unique index makes the first read count once. */
export interface NoticeReadDoc {
  _id: Types.ObjectId;
  notice: Types.ObjectId;
  user: Types.ObjectId;
  at: Date;
}
const NoticeReadSchema = new Schema<NoticeReadDoc>(
  {
    notice: { type: Schema.Types.ObjectId, required: true },
    user: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'notice_reads' },
);
NoticeReadSchema.index({ notice: 1, user: 1 }, { unique: true });
NoticeReadSchema.index({ user: 1 });

export const NoticeRead = modelOf('CommunityNoticeRead', NoticeReadSchema);
