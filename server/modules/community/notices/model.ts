import mongoose, { Schema, type Model, type Types } from 'mongoose';
import {
  NOTICE_CATEGORIES,
  NOTICE_FILE_KINDS,
  NOTICE_STATUSES,
  type TNoticeCategory,
  type TNoticeFileKind,
  type TNoticeStatus,
} from '@shared/schemas/community/notices';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

/**
 * A link (url) or an uploaded file (file → NoticeFile). Kind and size are copied from the file
 * so lists need no second read. Stored links from before uploads have no kind: they are links.
 */
export interface NoticeAttachment {
  name: string;
  url?: string;
  file?: Types.ObjectId;
  kind?: 'link' | TNoticeFileKind;
  bytes?: number;
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
  attachments: NoticeAttachment[];
  status: TNoticeStatus;
  author: Types.ObjectId;
  publishedAt?: Date;
  /** Set by each edit after publishing: readers see 已修改 with this time. */
  editedAt?: Date;
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
    attachments: {
      type: [
        new Schema(
          { name: String, url: String, file: Schema.Types.ObjectId, kind: { type: String, enum: ['link', ...NOTICE_FILE_KINDS] }, bytes: Number },
          { _id: false },
        ),
      ],
      default: [],
    },
    status: { type: String, enum: NOTICE_STATUSES, required: true },
    author: { type: Schema.Types.ObjectId, required: true },
    publishedAt: { type: Date },
    editedAt: { type: Date },
    readCount: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false, collection: 'notices' },
);
NoticeSchema.index({ status: 1, publishedAt: -1 });
NoticeSchema.index({ status: 1, urgent: 1, publishedAt: -1 });
NoticeSchema.index({ author: 1, createdAt: -1 });
// Serving a file asks which notice shows it.
NoticeSchema.index({ 'attachments.file': 1 });

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

/**
 * An uploaded notice file, stored privately (LINLI_DATA_DIR/private/notices): a re-encoded image
 * with its thumbnail, or a sniffed document. Served to whoever may read a notice that shows it,
 * and to its uploader before that.
 */
export interface NoticeFileDoc {
  _id: Types.ObjectId;
  uploader: Types.ObjectId;
  kind: TNoticeFileKind;
  name: string;
  mime: string;
  /** Private path (area `notices`) of the file, and of the image's thumbnail. */
  rel: string;
  thumbRel?: string;
  bytes: number;
  createdAt: Date;
}
const NoticeFileSchema = new Schema<NoticeFileDoc>(
  {
    uploader: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: NOTICE_FILE_KINDS, required: true },
    name: { type: String, required: true },
    mime: { type: String, required: true },
    rel: { type: String, required: true },
    thumbRel: { type: String },
    bytes: { type: Number, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'notice_files' },
);
NoticeFileSchema.index({ uploader: 1, createdAt: -1 });

export const NoticeFile = modelOf('CommunityNoticeFile', NoticeFileSchema);
