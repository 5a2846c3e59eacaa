import mongoose, { Schema, type Types } from 'mongoose';

/**
 * One staff (or system) action. Append-only: nothing updates or deletes
 * audit entries except account erasure, which anonymises the actor's name.
 */
export interface AuditEntryDoc {
  _id: Types.ObjectId;
  actor: {
    kind: 'resident' | 'staff' | 'system';
    id?: Types.ObjectId;
    displayName: string;
    system?: string;
  };
  action: string;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  requestId?: string;
  at: Date;
}

const AuditEntrySchema = new Schema<AuditEntryDoc>(
  {
    actor: {
      kind: { type: String, enum: ['resident', 'staff', 'system'], required: true },
      id: { type: Schema.Types.ObjectId },
      displayName: { type: String, default: '' },
      system: { type: String },
    },
    action: { type: String, required: true },
    target: {
      type: { type: String, required: true },
      id: { type: String, required: true },
    },
    before: { type: Schema.Types.Mixed },
    after: { type: Schema.Types.Mixed },
    requestId: { type: String },
    at: { type: Date, required: true },
  },
  { collection: 'audit_entries', versionKey: false, minimize: false },
);

AuditEntrySchema.index({ at: -1 });
AuditEntrySchema.index({ 'actor.id': 1, at: -1 });
AuditEntrySchema.index({ 'target.type': 1, 'target.id': 1, at: -1 });
AuditEntrySchema.index({ action: 1, at: -1 });

export const AuditEntry =
  (mongoose.models.AuditEntry as mongoose.Model<AuditEntryDoc> | undefined) ??
  mongoose.model<AuditEntryDoc>('AuditEntry', AuditEntrySchema);
