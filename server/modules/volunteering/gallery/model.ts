import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { PHOTO_STATUSES, type TPhotoStatus } from '@shared/schemas/volunteering/gallery';
import { storedImageSchemaFields, type StoredImageFields } from '../../../platform/uploads';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

/**
 * One on-site photo. The file lives under LINLI_DATA_DIR/uploads/gallery (re-encoded by the image
 * pipeline, without metadata); `checking` until WeChat's asynchronous image check answers, visible only to the
 * uploader and the team meanwhile. `fetchKey` lets WeChat's checker fetch a not-yet-public file.
 */
export interface PhotoDoc extends StoredImageFields {
  _id: Types.ObjectId;
  activity: Types.ObjectId;
  team: Types.ObjectId;
  uploader: Types.ObjectId;
  sha256: string;
  status: TPhotoStatus;
  traceId?: string;
  fetchKey: string;
  hiddenReason?: string;
  createdAt: Date;
}

const PhotoSchema = new Schema<PhotoDoc>(
  {
    activity: { type: Schema.Types.ObjectId, required: true },
    team: { type: Schema.Types.ObjectId, required: true },
    uploader: { type: Schema.Types.ObjectId, required: true },
    ...storedImageSchemaFields,
    sha256: { type: String, required: true },
    status: { type: String, enum: PHOTO_STATUSES, required: true },
    traceId: { type: String },
    fetchKey: { type: String, required: true },
    hiddenReason: { type: String },
    createdAt: { type: Date, required: true },
  },
  { collection: 'gallery_photos', versionKey: false },
);
PhotoSchema.index({ activity: 1, status: 1, createdAt: -1 });
PhotoSchema.index({ traceId: 1 });
PhotoSchema.index({ activity: 1, uploader: 1 });

export const Photo = modelOf('Photo', PhotoSchema);

/** An activity cover uploaded by a team admin (gallery/covers.ts); files under uploads/covers. */
export interface CoverImageDoc extends StoredImageFields {
  _id: Types.ObjectId;
  team: Types.ObjectId;
  uploader: Types.ObjectId;
  createdAt: Date;
}
const CoverImageSchema = new Schema<CoverImageDoc>(
  {
    team: { type: Schema.Types.ObjectId, required: true },
    uploader: { type: Schema.Types.ObjectId, required: true },
    ...storedImageSchemaFields,
    createdAt: { type: Date, required: true },
  },
  { collection: 'cover_images', versionKey: false },
);
CoverImageSchema.index({ team: 1, createdAt: -1 });
export const CoverImage = modelOf('CoverImage', CoverImageSchema);
