import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { retireIndex } from '../../../../platform/retired-indexes';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

/** The district's own scope; a team's scope is its id (hex). */
export const DISTRICT_SCOPE = 'district';

/**
 * Monthly rollups of the confirmed hours ledger, one document per (scope, Shanghai month), so the
 * stats pages read at most 36 documents per scope whatever the district's size.
 *
 * `volunteers` / `activitiesServed` count the distinct volunteers / activities with a confirmed
 * entry in the month. A range's distinct count cannot be summed from months (a volunteer serving
 * in March and May counts once), so each month also keeps `firstVol` / `firstAct`: how many of
 * its distinct volunteers (activities) had their previous active month `p` (key `p`, or `none`).
 * A volunteer counts in [from, to] exactly once, in the first of their months inside it, which is
 * the month whose previous active month is before `from`; so the range's count is the sum over
 * its months of the keys below `from` (rangeDistinct).
 */
export interface HoursRollupDoc {
  _id: Types.ObjectId;
  scope: string;
  period: string;
  minutes: number;
  entries: number;
  volunteers: number;
  activitiesServed: number;
  /** Activities whose first shift starts in the month, published or completed. */
  held: number;
  firstVol: Record<string, number>;
  firstAct: Record<string, number>;
}

const HoursRollupSchema = new Schema<HoursRollupDoc>(
  {
    scope: { type: String, required: true },
    period: { type: String, required: true },
    minutes: { type: Number, default: 0 },
    entries: { type: Number, default: 0 },
    volunteers: { type: Number, default: 0 },
    activitiesServed: { type: Number, default: 0 },
    held: { type: Number, default: 0 },
    firstVol: { type: Schema.Types.Mixed, default: {} },
    firstAct: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'hours_rollups', versionKey: false, minimize: false },
);
HoursRollupSchema.index({ scope: 1, period: 1 }, { unique: true });
// Stats by team: every team's months of a range (the range on the leading field).
HoursRollupSchema.index({ period: 1, scope: 1 });
export const HoursRollup = modelOf('HoursRollup', HoursRollupSchema);

/**
 * Which months a volunteer (`kind: 'user'`) or an activity (`'activity'`) has confirmed entries in,
 * within a scope (`periods[month]` = entries), and for `'held'` the month an activity is counted
 * as held in (team scope only). One document per subject: every change to a subject's months
 * writes it, so two deliveries touching the same volunteer conflict and run one after the other
 * (the neighbouring months read from it are then exact).
 */
export const MEMBER_KINDS = ['user', 'activity', 'held'] as const;
export type TMemberKind = (typeof MEMBER_KINDS)[number];
export interface RollupMemberDoc {
  _id: Types.ObjectId;
  scope: string;
  kind: TMemberKind;
  ref: Types.ObjectId;
  periods: Record<string, number>;
}
const RollupMemberSchema = new Schema<RollupMemberDoc>(
  {
    scope: { type: String, required: true },
    kind: { type: String, enum: MEMBER_KINDS, required: true },
    ref: { type: Schema.Types.ObjectId, required: true },
    periods: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'hours_rollup_members', versionKey: false, minimize: false },
);
// The subject first: a point lookup stays a point lookup for engines that plan on an index's
// leading field only (the embedded one), however large the district's scope grows.
RollupMemberSchema.index({ ref: 1, scope: 1, kind: 1 }, { unique: true });
RollupMemberSchema.index({ scope: 1 });
export const RollupMember = modelOf('RollupMember', RollupMemberSchema);
retireIndex(RollupMember, 'scope_1_kind_1_ref_1');

/**
 * Confirmed minutes per volunteer per month (`YYYY-MM`) and year (`YYYY`) within a scope: the
 * leaderboards of this month and this year read the top of the index, never the ledger.
 */
export interface RollupBoardDoc {
  _id: Types.ObjectId;
  scope: string;
  period: string;
  /** `<scope>|<period>`: one field to rank on, so the top of a board reads only that board. */
  board: string;
  user: Types.ObjectId;
  minutes: number;
}
const RollupBoardSchema = new Schema<RollupBoardDoc>(
  {
    scope: { type: String, required: true },
    period: { type: String, required: true },
    board: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, required: true },
    minutes: { type: Number, default: 0 },
  },
  { collection: 'hours_rollup_boards', versionKey: false },
);
RollupBoardSchema.index({ user: 1, scope: 1, period: 1 }, { unique: true });
RollupBoardSchema.index({ board: 1, minutes: -1, user: 1 });
RollupBoardSchema.index({ scope: 1 });
export const RollupBoard = modelOf('RollupBoard', RollupBoardSchema);
retireIndex(RollupBoard, 'scope_1_period_1_user_1');
retireIndex(RollupBoard, 'scope_1_period_1_minutes_-1_user_1');

export const boardKey = (scope: string, period: string): string => `${scope}|${period}`;
