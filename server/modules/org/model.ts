import mongoose, { Schema, type Types, type Model } from 'mongoose';

/**
 * The organisations roles are scoped to (RoleGrant.scopeId points at a Team,
 * Clinic, Department or Grid). Kept minimal: later issues extend them
 * (e.g. volunteering adds team membership and certification workflow).
 */

export interface GeoPointDoc {
  type: 'Point';
  /** [lng, lat], GCJ-02 as WeChat location APIs return it. */
  coordinates: [number, number];
}

export interface GeoPolygonDoc {
  type: 'Polygon';
  coordinates: number[][][];
}

// Geo indexes (2dsphere) arrive with the issues that query by distance.
const PointSchema = new Schema<GeoPointDoc>(
  {
    type: { type: String, enum: ['Point'], required: true, default: 'Point' },
    coordinates: { type: [Number], required: true },
  },
  { _id: false },
);

const PolygonSchema = new Schema<GeoPolygonDoc>(
  {
    type: { type: String, enum: ['Polygon'], required: true },
    coordinates: { type: [[[Number]]], required: true },
  },
  { _id: false },
);

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

const timestamps = { timestamps: true, versionKey: false } as const;

// --- District ---------------------------------------------------------------
export interface DistrictDoc {
  _id: Types.ObjectId;
  /** Stable key (seed upserts by it). */
  key: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}
const DistrictSchema = new Schema<DistrictDoc>(
  { key: { type: String, required: true }, name: { type: String, required: true } },
  { ...timestamps, collection: 'districts' },
);
DistrictSchema.index({ key: 1 }, { unique: true });
export const District = modelOf('District', DistrictSchema);

// --- Community --------------------------------------------------------------
export interface CommunityDoc {
  _id: Types.ObjectId;
  key: string;
  name: string;
  district: Types.ObjectId;
  address?: string;
  location?: GeoPointDoc;
  createdAt: Date;
  updatedAt: Date;
}
const CommunitySchema = new Schema<CommunityDoc>(
  {
    key: { type: String, required: true },
    name: { type: String, required: true },
    district: { type: Schema.Types.ObjectId, ref: 'District', required: true },
    address: { type: String },
    location: { type: PointSchema },
  },
  { ...timestamps, collection: 'communities' },
);
CommunitySchema.index({ key: 1 }, { unique: true });
CommunitySchema.index({ district: 1, name: 1 });
export const Community = modelOf('Community', CommunitySchema);

// --- Grid -------------------------------------------------------------------
export interface GridDoc {
  _id: Types.ObjectId;
  key: string;
  name: string;
  community: Types.ObjectId;
  polygon?: GeoPolygonDoc;
  createdAt: Date;
  updatedAt: Date;
}
const GridSchema = new Schema<GridDoc>(
  {
    key: { type: String, required: true },
    name: { type: String, required: true },
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    polygon: { type: PolygonSchema },
  },
  { ...timestamps, collection: 'grids' },
);
GridSchema.index({ key: 1 }, { unique: true });
GridSchema.index({ community: 1 });
export const Grid = modelOf('Grid', GridSchema);

// --- Department -------------------------------------------------------------
export const DEPARTMENT_KINDS = [
  'city_management',
  'municipal',
  'property',
  'housing',
  'environment',
  'other',
] as const;
export type TDepartmentKind = (typeof DEPARTMENT_KINDS)[number];
export interface DepartmentDoc {
  _id: Types.ObjectId;
  key: string;
  name: string;
  kind: TDepartmentKind;
  createdAt: Date;
  updatedAt: Date;
}
const DepartmentSchema = new Schema<DepartmentDoc>(
  {
    key: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: DEPARTMENT_KINDS, required: true, default: 'other' },
  },
  { ...timestamps, collection: 'departments' },
);
DepartmentSchema.index({ key: 1 }, { unique: true });
export const Department = modelOf('Department', DepartmentSchema);

// --- Team -------------------------------------------------------------------
export const TEAM_STATUSES = ['pending', 'certified', 'rejected'] as const;
export type TTeamStatus = (typeof TEAM_STATUSES)[number];
export interface TeamDoc {
  _id: Types.ObjectId;
  key?: string;
  name: string;
  /** The organisation hosting the team (e.g. a street office or a company). */
  hostOrg: string;
  serviceArea: string;
  location?: GeoPointDoc;
  contact: { name?: string; phone?: string };
  status: TTeamStatus;
  community?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}
const TeamSchema = new Schema<TeamDoc>(
  {
    key: { type: String },
    name: { type: String, required: true },
    hostOrg: { type: String, default: '' },
    serviceArea: { type: String, default: '' },
    location: { type: PointSchema },
    contact: { name: { type: String }, phone: { type: String } },
    status: { type: String, enum: TEAM_STATUSES, required: true, default: 'pending' },
    community: { type: Schema.Types.ObjectId, ref: 'Community' },
  },
  { ...timestamps, collection: 'teams' },
);
TeamSchema.index({ key: 1 }, { unique: true, partialFilterExpression: { key: { $exists: true } } });
TeamSchema.index({ status: 1, name: 1 });
export const Team = modelOf('Team', TeamSchema);

// --- Clinic -----------------------------------------------------------------
export interface ClinicDoc {
  _id: Types.ObjectId;
  key?: string;
  name: string;
  address: string;
  location?: GeoPointDoc;
  community?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}
const ClinicSchema = new Schema<ClinicDoc>(
  {
    key: { type: String },
    name: { type: String, required: true },
    address: { type: String, default: '' },
    location: { type: PointSchema },
    community: { type: Schema.Types.ObjectId, ref: 'Community' },
  },
  { ...timestamps, collection: 'clinics' },
);
ClinicSchema.index({ key: 1 }, { unique: true, partialFilterExpression: { key: { $exists: true } } });
ClinicSchema.index({ community: 1 });
export const Clinic = modelOf('Clinic', ClinicSchema);

/** Which model a role's scope points at (CORE's role-grant validation). */
export const SCOPE_MODELS = {
  team: Team,
  clinic: Clinic,
  department: Department,
  grid: Grid,
  // community (issue 14)
  community: Community,
} as const;
