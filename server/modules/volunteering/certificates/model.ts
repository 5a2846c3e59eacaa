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
export interface CertificateDoc {
  _id: Types.ObjectId;
  serial: string;
  user: Types.ObjectId;
  holder: { nameMasked: string; idNumberMasked: string };
  totalMinutes: number;
  services: CertificateServiceDoc[];
  issuer: { type: 'team' | 'district'; name: string; team: Types.ObjectId | null };
  issuedAt: Date;
  /** Set when the holder deletes their account: the certificate still verifies, anonymised. */
  revokedAt?: Date;
}

const CertificateSchema = new Schema<CertificateDoc>(
  {
    serial: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, required: true },
    holder: { nameMasked: { type: String, required: true }, idNumberMasked: { type: String, required: true } },
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
    },
    issuedAt: { type: Date, required: true },
    revokedAt: { type: Date },
  },
  { collection: 'certificates', versionKey: false },
);
CertificateSchema.index({ serial: 1 }, { unique: true });
CertificateSchema.index({ user: 1, issuedAt: -1 });

export const Certificate = modelOf('Certificate', CertificateSchema);
