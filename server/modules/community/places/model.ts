import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { PLACE_SOURCES, PLACE_TYPES, type TPlaceType } from '@shared/schemas/community/places';
import type { HoursRule } from './hours';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

/** A point of interest of the 15-minute life circle. Coordinates GCJ-02, [lng, lat]. */
export interface PlaceDoc {
  _id: Types.ObjectId;
  /** 'admin' for places entered here; another module's name for places it owns (clinic, volunteering). */
  source: (typeof PLACE_SOURCES)[number];
  /** The owner's id for the place (clinic id, …); for admin places the place's own id. */
  sourceId: string;
  type: TPlaceType;
  name: string;
  address: string;
  location: { type: 'Point'; coordinates: [number, number] };
  phone?: string;
  openingHours?: string;
  /** The parsed hours (hours.ts), so open-now is computed without parsing per request; null if unreadable. */
  hours?: HoursRule[] | null;
  createdAt: Date;
  updatedAt: Date;
}

const PlaceSchema = new Schema<PlaceDoc>(
  {
    source: { type: String, enum: PLACE_SOURCES, required: true },
    sourceId: { type: String, required: true },
    type: { type: String, enum: PLACE_TYPES, required: true },
    name: { type: String, required: true },
    address: { type: String, required: true },
    location: {
      type: new Schema({ type: { type: String, enum: ['Point'], required: true }, coordinates: [Number] }, { _id: false }),
      required: true,
    },
    phone: String,
    openingHours: String,
    hours: { type: Schema.Types.Mixed, default: undefined },
  },
  { timestamps: true, versionKey: false, collection: 'places' },
);
PlaceSchema.index({ location: '2dsphere' });
// Events from other modules upsert on (source, sourceId): one place per owner's record.
PlaceSchema.index({ source: 1, sourceId: 1 }, { unique: true });
PlaceSchema.index({ type: 1, name: 1 });

export const Place = modelOf('Place', PlaceSchema);
