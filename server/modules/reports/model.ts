import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { REPORT_STATUSES, type TReportStatus } from '@shared/schemas/reports/status';
import { CATEGORY_KINDS, SLA_CLOCKS, type TSlaClock } from '@shared/schemas/reports/taxonomy';
import { storedImageSchemaFields, type StoredImageFields } from '../../platform/uploads';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}
const sub = <T>(def: Record<string, unknown>) => new Schema<T>(def, { _id: false });

export interface CategoryDoc {
  _id: Types.ObjectId;
  code: string;
  label: string;
  kind: (typeof CATEGORY_KINDS)[number];
  group: string;
  defaultDepartment?: Types.ObjectId | null;
  sla: { acceptMinutes: number; arriveMinutes: number; resolveMinutes: number };
  clock: TSlaClock;
  attributes: { code: string; label: string; required: boolean; options?: string[] }[];
  active: boolean;
}
const CategorySchema = new Schema<CategoryDoc>(
  {
    code: { type: String, required: true, unique: true },
    label: { type: String, required: true },
    kind: { type: String, enum: CATEGORY_KINDS, required: true },
    group: { type: String, required: true },
    defaultDepartment: { type: Schema.Types.ObjectId, default: null },
    sla: sub({ acceptMinutes: Number, arriveMinutes: Number, resolveMinutes: Number }),
    clock: { type: String, enum: SLA_CLOCKS, required: true },
    attributes: [sub({ code: String, label: String, required: Boolean, options: { type: [String], default: undefined } })],
    active: { type: Boolean, default: true },
  },
  { collection: 'report_categories', versionKey: false },
);
export const ReportCategory = modelOf('ReportCategory', CategorySchema);

export interface DepartmentDoc {
  _id: Types.ObjectId;
  name: string;
  handlers: Types.ObjectId[];
}
const DepartmentSchema = new Schema<DepartmentDoc>(
  { name: { type: String, required: true, unique: true }, handlers: [{ type: Schema.Types.ObjectId, ref: 'User' }] },
  { collection: 'report_departments', versionKey: false },
);
DepartmentSchema.index({ handlers: 1 });
export const ReportDepartment = modelOf('ReportDepartment', DepartmentSchema);

export interface GridDoc {
  _id: Types.ObjectId;
  code: string;
  name: string;
  polygon: { type: 'Polygon'; coordinates: number[][][] };
  workers: Types.ObjectId[];
  departmentByCategory: Record<string, Types.ObjectId>;
}
const GridSchema = new Schema<GridDoc>(
  {
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    polygon: sub({ type: { type: String, enum: ['Polygon'] }, coordinates: [[[Number]]] }),
    workers: [{ type: Schema.Types.ObjectId, ref: 'User' }],
    departmentByCategory: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'report_grids', versionKey: false, minimize: false },
);
GridSchema.index({ polygon: '2dsphere' });
export const ReportGrid = modelOf('ReportGrid', GridSchema);

/** WeChat's image check of a photo: `checking` until its verdict; only `pass` is shown to the public. */
export const PHOTO_CHECKS = ['checking', 'pass', 'review', 'risky'] as const;
export type TPhotoCheck = (typeof PHOTO_CHECKS)[number];

/** An uploaded report photo: re-encoded without metadata; attached to at most one report. */
export interface ReportPhotoDoc extends StoredImageFields {
  _id: Types.ObjectId;
  uploader: Types.ObjectId;
  report?: Types.ObjectId | null;
  check: TPhotoCheck;
  /** media_check_async's trace id (the verdict push names it). */
  traceId?: string;
  /** Lets WeChat's checker fetch the file before anyone may see it (`?k=`). */
  fetchKey?: string;
  createdAt: Date;
}
const PhotoSchema = new Schema<ReportPhotoDoc>(
  {
    uploader: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    report: { type: Schema.Types.ObjectId, default: null },
    check: { type: String, enum: PHOTO_CHECKS, default: 'pass' },
    traceId: { type: String },
    fetchKey: { type: String },
    ...storedImageSchemaFields,
    createdAt: { type: Date, required: true },
  },
  { collection: 'report_photos', versionKey: false },
);
PhotoSchema.index({ uploader: 1, createdAt: -1 });
PhotoSchema.index({ traceId: 1 }, { sparse: true });
export const ReportPhoto = modelOf('ReportPhoto', PhotoSchema);

export interface HistoryDoc {
  action: string;
  from: TReportStatus | null;
  to: TReportStatus;
  /** null: the system (routing, the scheduler). */
  actor: Types.ObjectId | null;
  actorName: string;
  note: string;
  photos: Types.ObjectId[];
  location?: { type: 'Point'; coordinates: [number, number] };
  at: Date;
}

export interface SlaDoc {
  clock: TSlaClock;
  acceptDueAt: Date | null;
  arriveDueAt: Date | null;
  resolveDueAt: Date | null;
  /** The earliest unmet due time (what the SLA job scans), null when nothing is due. */
  nextDueAt: Date | null;
  /** 0 none, 1 escalated to the dispatchers, 2 to the district. */
  escalation: number;
  overdue: boolean;
  acceptOnTime?: boolean;
  arriveOnTime?: boolean;
  resolveOnTime?: boolean;
}

export interface ReportDoc {
  _id: Types.ObjectId;
  category: string;
  categoryLabel: string;
  description: string;
  attributes: Record<string, string>;
  photos: Types.ObjectId[];
  /** Of `photos`, those WeChat's image check has not passed (yet): kept out of public views. */
  heldPhotos?: Types.ObjectId[];
  location: { type: 'Point'; coordinates: [number, number] };
  address: string;
  anonymous: boolean;
  /** null once the reporter deleted their account (the history is kept, the person removed). */
  reporter: Types.ObjectId | null;
  followers: Types.ObjectId[];
  source: 'app' | 'open311';
  /** Open311: the client's token before a staff member accepts the request. */
  open311Token?: string;
  /** Open311: media_url as given, stored as a link and never fetched. */
  mediaUrl?: string;
  status: TReportStatus;
  fixedByDefault: boolean;
  grid: Types.ObjectId | null;
  department: Types.ObjectId | null;
  handler: Types.ObjectId | null;
  duplicateOf: Types.ObjectId | null;
  acceptedAt: Date | null;
  dispatchedAt: Date | null;
  arrivedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** Counted from the first dispatch, for arrival time: kept across re-dispatches. */
  firstDispatchedAt: Date | null;
  confirmation: { answer: 'fixed' | 'partly' | 'not_fixed'; rating: number | null; note: string; photos: Types.ObjectId[]; at: Date } | null;
  sla: SlaDoc;
  history: HistoryDoc[];
  contentFlag: 'pass' | 'review';
  createdAt: Date;
  updatedAt: Date;
}

const HistorySchema = sub<HistoryDoc>({
  action: String,
  from: { type: String, default: null },
  to: String,
  actor: { type: Schema.Types.ObjectId, default: null },
  actorName: String,
  note: { type: String, default: '' },
  photos: [Schema.Types.ObjectId],
  location: { type: sub({ type: { type: String, enum: ['Point'] }, coordinates: [Number] }), default: undefined },
  at: Date,
});

const ReportSchema = new Schema<ReportDoc>(
  {
    category: { type: String, required: true },
    categoryLabel: { type: String, required: true },
    description: { type: String, required: true },
    attributes: { type: Schema.Types.Mixed, default: {} },
    photos: [Schema.Types.ObjectId],
    heldPhotos: { type: [Schema.Types.ObjectId], default: [] },
    location: sub({ type: { type: String, enum: ['Point'] }, coordinates: [Number] }),
    address: { type: String, required: true },
    anonymous: { type: Boolean, default: false },
    reporter: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    followers: [{ type: Schema.Types.ObjectId, ref: 'User' }],
    source: { type: String, enum: ['app', 'open311'], default: 'app' },
    open311Token: { type: String },
    mediaUrl: { type: String },
    status: { type: String, enum: REPORT_STATUSES, required: true },
    fixedByDefault: { type: Boolean, default: false },
    grid: { type: Schema.Types.ObjectId, default: null },
    department: { type: Schema.Types.ObjectId, default: null },
    handler: { type: Schema.Types.ObjectId, default: null },
    duplicateOf: { type: Schema.Types.ObjectId, default: null },
    acceptedAt: { type: Date, default: null },
    dispatchedAt: { type: Date, default: null },
    firstDispatchedAt: { type: Date, default: null },
    arrivedAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    confirmation: {
      type: sub({ answer: String, rating: { type: Number, default: null }, note: String, photos: [Schema.Types.ObjectId], at: Date }),
      default: null,
    },
    sla: sub({
      clock: String,
      acceptDueAt: { type: Date, default: null },
      arriveDueAt: { type: Date, default: null },
      resolveDueAt: { type: Date, default: null },
      nextDueAt: { type: Date, default: null },
      escalation: { type: Number, default: 0 },
      overdue: { type: Boolean, default: false },
      acceptOnTime: Boolean,
      arriveOnTime: Boolean,
      resolveOnTime: Boolean,
    }),
    history: [HistorySchema],
    contentFlag: { type: String, enum: ['pass', 'review'], default: 'pass' },
  },
  { timestamps: true, versionKey: false, collection: 'reports', minimize: false },
);
ReportSchema.index({ location: '2dsphere' });
ReportSchema.index({ status: 1, createdAt: -1 });
ReportSchema.index({ category: 1, status: 1 });
ReportSchema.index({ reporter: 1, createdAt: -1 });
ReportSchema.index({ followers: 1 });
ReportSchema.index({ handler: 1, status: 1 });
ReportSchema.index({ department: 1, status: 1 });
ReportSchema.index({ 'sla.nextDueAt': 1 });
ReportSchema.index({ createdAt: -1 });
ReportSchema.index({ open311Token: 1 }, { sparse: true });
export const Report = modelOf('Report', ReportSchema);

/** The district's working-day calendar (one document). */
export interface ReportSettingsDoc {
  _id: string;
  holidays: string[];
  workdays: string[];
}
const SettingsSchema = new Schema<ReportSettingsDoc>(
  { _id: { type: String }, holidays: [String], workdays: [String] },
  { collection: 'report_settings', versionKey: false },
);
export const ReportSettings = modelOf('ReportSettings', SettingsSchema);

/** Open311 API keys: only the SHA-256 of the key is kept. */
export interface ApiKeyDoc {
  _id: Types.ObjectId;
  name: string;
  keyHash: string;
  prefix: string;
  createdBy: Types.ObjectId;
  createdAt: Date;
  revokedAt: Date | null;
}
const ApiKeySchema = new Schema<ApiKeyDoc>(
  {
    name: { type: String, required: true },
    keyHash: { type: String, required: true, unique: true },
    prefix: { type: String, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'open311_keys', versionKey: false },
);
export const Open311Key = modelOf('Open311Key', ApiKeySchema);

/**
 * What a deleted grid or department was called (same id): reports and the daily rollups keep the
 * id, so stats and case files still show the name. Written in the deletion's unit of work.
 */
export interface SetupTombstoneDoc {
  _id: Types.ObjectId;
  kind: 'grid' | 'department';
  name: string;
  code?: string;
  deletedAt: Date;
}
const TombstoneSchema = new Schema<SetupTombstoneDoc>(
  { kind: { type: String, enum: ['grid', 'department'], required: true }, name: { type: String, required: true }, code: String, deletedAt: { type: Date, required: true } },
  { collection: 'report_setup_tombstones', versionKey: false },
);
export const ReportSetupTombstone = modelOf('ReportSetupTombstone', TombstoneSchema);
