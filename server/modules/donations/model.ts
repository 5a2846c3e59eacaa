/**
 * Donations' collections. Money is integer fen. What keeps the money right:
 * - an order is paid by one guarded update (status pending → paid) in the same transaction as its
 *   ledger entry, and the ledger's `key` is unique (`tx:<transaction_id>`, `refund:<refund_id>`, …),
 *   so a notification delivered twice, or ten times at once, counts once;
 * - `transactionId` is unique on orders;
 * - a refund reserves its amount with one conditional `$inc` on the order's `refundReservedFen`
 *   (never more than `amountFen`), so concurrent refunds cannot exceed what was paid;
 * - project totals move with their ledger entries in the same transaction; the invariants
 *   (invariants.ts) compare them with the ledger and the paid orders.
 */
import mongoose, { Schema, Types, type Model } from 'mongoose';
import { storedImageSchemaFields, type StoredImageFields } from '../../platform/uploads';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

export interface MerchantDoc {
  mchId: string;
  serialNo: string;
  privateKeyPath: string;
  /** apiclient_cert.pem (absent on charities registered before it was asked for: start-up reports them). */
  certPath?: string;
  apiV3KeyRef: string;
  platformCertPath?: string;
  publicKeyId?: string;
  publicKeyPath?: string;
  feeRateBp: number;
}

export interface CharityDoc {
  _id: Types.ObjectId;
  name: string;
  uscc: string;
  filingNumber: string;
  merchant: MerchantDoc;
  createdBy?: Types.ObjectId;
  createdAt: Date;
  /** Bumped on every change of the merchant settings: cached Pay clients are rebuilt. */
  version: number;
}

const CharitySchema = new Schema<CharityDoc>(
  {
    name: { type: String, required: true },
    uscc: { type: String, required: true, unique: true },
    filingNumber: { type: String, required: true },
    merchant: {
      _id: false,
      mchId: { type: String, required: true },
      serialNo: { type: String, required: true },
      privateKeyPath: { type: String, required: true },
      certPath: String,
      apiV3KeyRef: { type: String, required: true },
      platformCertPath: String,
      publicKeyId: String,
      publicKeyPath: String,
      feeRateBp: { type: Number, default: 60 },
    },
    createdBy: Schema.Types.ObjectId,
    createdAt: { type: Date, required: true },
    version: { type: Number, default: 1 },
  },
  { collection: 'charities', versionKey: false },
);
CharitySchema.index({ 'merchant.mchId': 1 });
export const Charity = modelOf('Charity', CharitySchema);

export interface ProjectTotals {
  raisedFen: number;
  refundedFen: number;
  disbursedFen: number;
  feeFen: number;
  donationCount: number;
}

export interface ProjectDoc extends ProjectTotals {
  _id: Types.ObjectId;
  charity: Types.ObjectId;
  title: string;
  story: string;
  cover?: Types.ObjectId;
  goalFen: number;
  startAt: Date;
  endAt: Date;
  status: 'draft' | 'in_review' | 'published' | 'closed';
  reviewNote?: string;
  /** Distinct donors (the first paid order of a user on the project counts them: ProjectDonor). */
  donorCount: number;
  createdBy: Types.ObjectId;
  createdAt: Date;
  publishedAt?: Date;
}

const ProjectSchema = new Schema<ProjectDoc>(
  {
    charity: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true },
    story: { type: String, required: true },
    cover: Schema.Types.ObjectId,
    goalFen: { type: Number, required: true },
    startAt: { type: Date, required: true },
    endAt: { type: Date, required: true },
    status: { type: String, enum: ['draft', 'in_review', 'published', 'closed'], required: true },
    reviewNote: String,
    raisedFen: { type: Number, default: 0 },
    refundedFen: { type: Number, default: 0 },
    disbursedFen: { type: Number, default: 0 },
    feeFen: { type: Number, default: 0 },
    donationCount: { type: Number, default: 0 },
    donorCount: { type: Number, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    publishedAt: Date,
  },
  { collection: 'charity_projects', versionKey: false },
);
ProjectSchema.index({ status: 1, endAt: 1 });
export const Project = modelOf('CharityProject', ProjectSchema);

/** One row per (project, donor) with a paid order: inserted by upsert, so the donor count moves once. */
export interface ProjectDonorDoc {
  _id: Types.ObjectId;
  project: Types.ObjectId;
  donor: Types.ObjectId;
  firstAt: Date;
}
const ProjectDonorSchema = new Schema<ProjectDonorDoc>(
  {
    project: { type: Schema.Types.ObjectId, required: true },
    donor: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    firstAt: { type: Date, required: true },
  },
  { collection: 'donation_project_donors', versionKey: false },
);
ProjectDonorSchema.index({ project: 1, donor: 1 }, { unique: true });
export const ProjectDonor = modelOf('DonationProjectDonor', ProjectDonorSchema);

export interface PrepayDoc {
  prepayId?: string;
  codeUrl?: string;
  payParams?: { timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string };
  expiresAt: Date;
}

export interface DonationOrderDoc {
  _id: Types.ObjectId;
  outTradeNo: string;
  project: Types.ObjectId;
  charity: Types.ObjectId;
  mchId: string;
  appId: string;
  donor: Types.ObjectId | null;
  /** Snapshot for the ledger: masked when given, 爱心人士 when anonymous; 已注销用户 after deletion. */
  donorMasked: string;
  amountFen: number;
  message?: string;
  /** False while the content check holds the message for 内容审核 (the ledger leaves it out). */
  messageVisible: boolean;
  anonymous: boolean;
  channel: 'jsapi' | 'native';
  status: 'pending' | 'paid' | 'closed';
  /** The Idempotency-Key of the attempt that created it: one order per (donor, key). */
  clientKey?: string;
  prepay?: PrepayDoc;
  transactionId?: string;
  paidAt?: Date;
  /** Reserved by refunds in flight and done: never above amountFen (one conditional $inc). */
  refundReservedFen: number;
  /** Refunds WeChat confirmed. */
  refundedFen: number;
  receiptSerial?: string;
  /** A verified notification that did not match: a person looks at it (district admin alerted). */
  needsReview: boolean;
  reviewReason?: string;
  createdAt: Date;
  closedAt?: Date;
  lastQueriedAt?: Date;
}

const DonationOrderSchema = new Schema<DonationOrderDoc>(
  {
    outTradeNo: { type: String, required: true, unique: true },
    project: { type: Schema.Types.ObjectId, required: true },
    charity: { type: Schema.Types.ObjectId, required: true },
    mchId: { type: String, required: true },
    appId: { type: String, required: true },
    donor: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    donorMasked: { type: String, required: true },
    amountFen: { type: Number, required: true },
    message: String,
    messageVisible: { type: Boolean, default: true },
    anonymous: { type: Boolean, default: false },
    channel: { type: String, enum: ['jsapi', 'native'], required: true },
    status: { type: String, enum: ['pending', 'paid', 'closed'], required: true },
    clientKey: String,
    prepay: {
      _id: false,
      prepayId: String,
      codeUrl: String,
      payParams: { _id: false, timeStamp: String, nonceStr: String, package: String, signType: String, paySign: String },
      expiresAt: Date,
    },
    transactionId: String,
    paidAt: Date,
    refundReservedFen: { type: Number, default: 0 },
    refundedFen: { type: Number, default: 0 },
    receiptSerial: String,
    needsReview: { type: Boolean, default: false },
    reviewReason: String,
    createdAt: { type: Date, required: true },
    closedAt: Date,
    lastQueriedAt: Date,
  },
  { collection: 'donation_orders', versionKey: false },
);
DonationOrderSchema.index({ transactionId: 1 }, { unique: true, partialFilterExpression: { transactionId: { $type: 'string' } } });
DonationOrderSchema.index({ donor: 1, clientKey: 1 }, { unique: true, partialFilterExpression: { clientKey: { $type: 'string' } } });
DonationOrderSchema.index({ receiptSerial: 1 }, { unique: true, partialFilterExpression: { receiptSerial: { $type: 'string' } } });
DonationOrderSchema.index({ status: 1, createdAt: 1 });
DonationOrderSchema.index({ project: 1, status: 1, paidAt: -1 });
DonationOrderSchema.index({ donor: 1, createdAt: -1 });
export const DonationOrder = modelOf('DonationOrder', DonationOrderSchema);

export interface RefundDoc {
  _id: Types.ObjectId;
  outRefundNo: string;
  order: Types.ObjectId;
  project: Types.ObjectId;
  amountFen: number;
  reason: string;
  status: 'processing' | 'succeeded' | 'failed';
  refundId?: string;
  requestedBy: Types.ObjectId;
  createdAt: Date;
  succeededAt?: Date;
  failure?: string;
}
const RefundSchema = new Schema<RefundDoc>(
  {
    outRefundNo: { type: String, required: true, unique: true },
    order: { type: Schema.Types.ObjectId, required: true },
    project: { type: Schema.Types.ObjectId, required: true },
    amountFen: { type: Number, required: true },
    reason: { type: String, required: true },
    status: { type: String, enum: ['processing', 'succeeded', 'failed'], required: true },
    refundId: String,
    requestedBy: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    succeededAt: Date,
    failure: String,
  },
  { collection: 'donation_refunds', versionKey: false },
);
RefundSchema.index({ order: 1, createdAt: 1 });
RefundSchema.index({ status: 1, createdAt: 1 });
export const Refund = modelOf('DonationRefund', RefundSchema);

export interface DisbursementDoc {
  _id: Types.ObjectId;
  project: Types.ObjectId;
  amountFen: number;
  purpose: string;
  proofImages: Types.ObjectId[];
  disbursedAt: Date;
  recordedBy: Types.ObjectId;
  createdAt: Date;
}
const DisbursementSchema = new Schema<DisbursementDoc>(
  {
    project: { type: Schema.Types.ObjectId, required: true },
    amountFen: { type: Number, required: true },
    purpose: { type: String, required: true },
    proofImages: { type: [Schema.Types.ObjectId], default: [] },
    disbursedAt: { type: Date, required: true },
    recordedBy: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'donation_disbursements', versionKey: false },
);
DisbursementSchema.index({ project: 1, disbursedAt: -1 });
export const Disbursement = modelOf('DonationDisbursement', DisbursementSchema);

export type LedgerKind = 'donation' | 'refund' | 'disbursement' | 'fee';
export interface LedgerEntryDoc {
  _id: Types.ObjectId;
  /** Unique: `tx:<transaction_id>`, `fee:<transaction_id>`, `refund:<refund_id>`, `disb:<id>`. */
  key: string;
  kind: LedgerKind;
  project: Types.ObjectId;
  order?: Types.ObjectId;
  amountFen: number;
  donorMasked?: string;
  message?: string;
  purpose?: string;
  proofImages?: Types.ObjectId[];
  at: Date;
}
const LedgerSchema = new Schema<LedgerEntryDoc>(
  {
    key: { type: String, required: true, unique: true },
    kind: { type: String, enum: ['donation', 'refund', 'disbursement', 'fee'], required: true },
    project: { type: Schema.Types.ObjectId, required: true },
    order: Schema.Types.ObjectId,
    amountFen: { type: Number, required: true },
    donorMasked: String,
    message: String,
    purpose: String,
    proofImages: [Schema.Types.ObjectId],
    at: { type: Date, required: true },
  },
  { collection: 'donation_ledger', versionKey: false },
);
LedgerSchema.index({ project: 1, at: -1 });
export const LedgerEntry = modelOf('DonationLedgerEntry', LedgerSchema);

/** Verified notifications that matched no order of ours (or matched badly): kept for the admin. */
export interface PaymentAnomalyDoc {
  _id: Types.ObjectId;
  /** The notification id: a redelivery records nothing new. */
  notificationId: string;
  reason: 'unknown_order' | 'mchid_mismatch' | 'appid_mismatch' | 'amount_mismatch' | 'refund_mismatch';
  outTradeNo?: string;
  transactionId?: string;
  detail: string;
  at: Date;
  /** 已处理: set once by a district admin (guarded on its absence), audited. */
  handledAt?: Date;
  handledBy?: Types.ObjectId;
  handledByName?: string;
  handledNote?: string;
}
const AnomalySchema = new Schema<PaymentAnomalyDoc>(
  {
    notificationId: { type: String, required: true, unique: true },
    reason: { type: String, required: true },
    outTradeNo: String,
    transactionId: String,
    detail: { type: String, required: true },
    at: { type: Date, required: true },
    handledAt: Date,
    handledBy: Schema.Types.ObjectId,
    handledByName: String,
    handledNote: String,
  },
  { collection: 'donation_anomalies', versionKey: false },
);
export const PaymentAnomaly = modelOf('DonationPaymentAnomaly', AnomalySchema);

export interface DonationImageDoc extends StoredImageFields {
  _id: Types.ObjectId;
  uploader: Types.ObjectId;
  purpose: 'cover' | 'proof';
  createdAt: Date;
}
const DonationImageSchema = new Schema<DonationImageDoc>(
  {
    uploader: { type: Schema.Types.ObjectId, required: true },
    purpose: { type: String, enum: ['cover', 'proof'], required: true },
    ...storedImageSchemaFields,
    createdAt: { type: Date, required: true },
  },
  { collection: 'donation_images', versionKey: false },
);
export const DonationImage = modelOf('DonationImage', DonationImageSchema);
