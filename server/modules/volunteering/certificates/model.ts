import mongoose, { Schema, type Model, type Types } from 'mongoose';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

export interface CertificateServiceDoc {
  activity: Types.ObjectId | null;
  activityTitle: string;
  teamName: string;
  date: Date;
  minutes: number;
}

/**
 * An issued certificate: a frozen snapshot of the record at issue time (later hours or
 * corrections do not change an issued paper), which the verification page answers from.
 * Masked identity only — the certificate never needs the full ID number.
 */
export type CertificateStatus = 'pending' | 'listed' | 'issued' | 'rejected';

export interface CertificateDoc {
  _id: Types.ObjectId;
  serial: string;
  user: Types.ObjectId;
  /** Stored `listed` stays so after listedUntil: effectiveStatus() reads it as issued (no job needed). */
  status: CertificateStatus;
  holder: { nameMasked: string; idNumberMasked: string; idType: string; volunteerNo: string | null };
  totalMinutes: number;
  services: CertificateServiceDoc[];
  issuer: {
    type: 'team' | 'district';
    name: string;
    team: Types.ObjectId | null;
    personInCharge: string;
    handler: string;
    contact: string;
  };
  requestedAt: Date;
  listedUntil: Date | null;
  decidedBy: Types.ObjectId | null;
  rejectReason: string | null;
  issuedAt: Date;
  /** Set when the holder deletes their account: the certificate still verifies, anonymised. */
  revokedAt?: Date;
}

const CertificateSchema = new Schema<CertificateDoc>(
  {
    serial: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, required: true },
    // Certificates from before issue 16 have no status: they were issued at once.
    status: { type: String, enum: ['pending', 'listed', 'issued', 'rejected'], default: 'issued' },
    holder: {
      nameMasked: { type: String, required: true },
      idNumberMasked: { type: String, required: true },
      idType: { type: String, default: '居民身份证' },
      volunteerNo: { type: String, default: null },
    },
    totalMinutes: { type: Number, required: true },
    services: [
      new Schema<CertificateServiceDoc>(
        {
          activity: { type: Schema.Types.ObjectId, default: null },
          activityTitle: String,
          teamName: String,
          date: Date,
          minutes: Number,
        },
        { _id: false },
      ),
    ],
    issuer: {
      type: { type: String, enum: ['team', 'district'], required: true },
      name: { type: String, required: true },
      team: { type: Schema.Types.ObjectId, default: null },
      personInCharge: { type: String, default: '' },
      handler: { type: String, default: '' },
      contact: { type: String, default: '' },
    },
    requestedAt: { type: Date },
    listedUntil: { type: Date, default: null },
    decidedBy: { type: Schema.Types.ObjectId, default: null },
    rejectReason: { type: String, default: null },
    issuedAt: { type: Date, required: true },
    revokedAt: { type: Date },
  },
  { collection: 'certificates', versionKey: false },
);
CertificateSchema.index({ serial: 1 }, { unique: true });
CertificateSchema.index({ user: 1, issuedAt: -1 });
CertificateSchema.index({ status: 1, 'issuer.team': 1, requestedAt: -1 });

export const Certificate = modelOf('Certificate', CertificateSchema);

/** What becomes of a stored status at `now`: a listing whose 7 days are over is issued. */
export function effectiveStatus(c: Pick<CertificateDoc, 'status' | 'listedUntil'>, now: Date): CertificateStatus {
  const status = c.status ?? 'issued';
  if (status === 'listed' && c.listedUntil && c.listedUntil.getTime() <= now.getTime()) return 'issued';
  return status;
}

/** The district's certificate settings: one document (`_id: 'certificates'`). */
export interface CertificateSettingsDoc {
  _id: string;
  issuerName: string;
  personInCharge: string;
  handler: string;
  contact: string;
  requireConfirmation: boolean;
  publicListing: boolean;
  /** The issuer's seal, re-encoded by the upload pipeline (PNG keeps its transparency). */
  seal?: { data: Buffer; mime: string } | null;
  updatedAt: Date;
}

const CertificateSettingsSchema = new Schema<CertificateSettingsDoc>(
  {
    _id: { type: String, required: true },
    issuerName: { type: String, default: '' },
    personInCharge: { type: String, default: '' },
    handler: { type: String, default: '' },
    contact: { type: String, default: '' },
    requireConfirmation: { type: Boolean, default: false },
    publicListing: { type: Boolean, default: false },
    seal: { type: { data: Buffer, mime: String, _id: false }, default: null },
    updatedAt: { type: Date },
  },
  { collection: 'certificate_settings', versionKey: false },
);

export const CertificateSettings = modelOf('CertificateSettings', CertificateSettingsSchema);
