/** Read paths of the reports module (no writes). */
import { Types } from 'mongoose';
import type { THolidayCalendar } from '@shared/schemas/reports/taxonomy';
import { findPage } from '../../platform/paging';
import { activeUserIdsWithRole, displayNames, findContact, hasActiveRole, userIdsByUsername, usersWithRole } from '../users';
import {
  Open311Key,
  Report,
  ReportCategory,
  ReportDepartment,
  ReportGrid,
  ReportPhoto,
  ReportSettings,
  ReportSetupTombstone,
  type ApiKeyDoc,
  type CategoryDoc,
  type DepartmentDoc,
  type GridDoc,
  type ReportDoc,
  type ReportPhotoDoc,
} from './model';

const oid = (id: string | Types.ObjectId) => new Types.ObjectId(String(id));

export const findReport = (id: string | Types.ObjectId): Promise<ReportDoc | null> =>
  Report.findById(oid(id)).lean<ReportDoc>().exec();

export const findCategory = (code: string): Promise<CategoryDoc | null> =>
  ReportCategory.findOne({ code }).lean<CategoryDoc>().exec();
export const listCategories = (activeOnly: boolean): Promise<CategoryDoc[]> =>
  ReportCategory.find(activeOnly ? { active: true } : {}).sort({ group: 1, code: 1 }).lean<CategoryDoc[]>().exec();

export const findDepartment = (id: string | Types.ObjectId): Promise<DepartmentDoc | null> =>
  ReportDepartment.findById(oid(id)).lean<DepartmentDoc>().exec();
export const listDepartments = (): Promise<DepartmentDoc[]> =>
  ReportDepartment.find().sort({ name: 1 }).lean<DepartmentDoc[]>().exec();
/** Departments the user handles for. */
export const departmentsOfHandler = (userId: string): Promise<DepartmentDoc[]> =>
  ReportDepartment.find({ handlers: oid(userId) }).lean<DepartmentDoc[]>().exec();

export const findGrid = (id: string | Types.ObjectId): Promise<GridDoc | null> =>
  ReportGrid.findById(oid(id)).lean<GridDoc>().exec();
export const listGrids = (): Promise<GridDoc[]> => ReportGrid.find().sort({ code: 1 }).lean<GridDoc[]>().exec();
/** The grid whose polygon holds the point (the first by code when grids overlap). */
export const gridAt = (p: { lng: number; lat: number }): Promise<GridDoc | null> =>
  ReportGrid.findOne({ polygon: { $geoIntersects: { $geometry: { type: 'Point', coordinates: [p.lng, p.lat] } } } })
    .sort({ code: 1 })
    .lean<GridDoc>()
    .exec();

/**
 * Names of grids or departments by id, deleted ones too (their tombstone's name, marked 已删除):
 * the stats, heat map and case files keep the ids of what was deleted.
 */
export async function setupNames(kind: 'grid' | 'department', ids?: readonly string[]): Promise<Map<string, string>> {
  const filter = ids ? { _id: { $in: ids.map(oid) } } : {};
  type Named = { _id: Types.ObjectId; name: string };
  const [live, gone] = await Promise.all([
    kind === 'grid' ? ReportGrid.find(filter, { name: 1 }).lean<Named[]>() : ReportDepartment.find(filter, { name: 1 }).lean<Named[]>(),
    ReportSetupTombstone.find({ ...filter, kind }, { name: 1 }).lean<Named[]>(),
  ]);
  return new Map([...gone.map((t) => [String(t._id), `${t.name}（已删除）`] as const), ...live.map((d) => [String(d._id), d.name] as const)]);
}
export const gridNames = (ids: readonly string[]) => setupNames('grid', ids);

/** A department's members holding the handler role (active accounts), with their open task counts. */
export async function handlerCandidates(dept: DepartmentDoc): Promise<{ id: string; name: string; openTasks: number }[]> {
  const users = await usersWithRole({ roles: ['handler'], among: dept.handlers, activeOnly: true, sortByName: true });
  const open = await Report.aggregate<{ _id: Types.ObjectId; n: number }>([
    { $match: { handler: { $in: users.map((u) => u._id) }, status: { $in: ['dispatched', 'in_progress'] } } },
    { $group: { _id: '$handler', n: { $sum: 1 } } },
  ]);
  const counts = new Map(open.map((o) => [String(o._id), o.n]));
  return users.map((u) => ({ id: String(u._id), name: u.displayName, openTasks: counts.get(String(u._id)) ?? 0 }));
}

/** Whether the user may be named handler of a department's report: a member with the handler role. */
export const isHandlerOf = async (dept: DepartmentDoc, userId: string): Promise<boolean> =>
  dept.handlers.some((h) => String(h) === userId) && hasActiveRole(oid(userId), 'handler');

export async function holidayCalendar(): Promise<THolidayCalendar> {
  const doc = await ReportSettings.findById('calendar').lean();
  return { holidays: doc?.holidays ?? [], workdays: doc?.workdays ?? [] };
}

export const photosByIds = (ids: readonly Types.ObjectId[]): Promise<ReportPhotoDoc[]> =>
  ids.length ? ReportPhoto.find({ _id: { $in: ids } }).lean<ReportPhotoDoc[]>().exec() : Promise.resolve([]);
export const findPhoto = (id: string): Promise<ReportPhotoDoc | null> => ReportPhoto.findById(oid(id)).lean<ReportPhotoDoc>().exec();

/** Display names by user id (history shows names as they were; staff views look them up). */
export async function namesOf(ids: readonly (Types.ObjectId | string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is Types.ObjectId | string => Boolean(i)).map(String))];
  if (!wanted.length) return new Map();
  return displayNames(wanted.map(oid));
}
export const userOpenid = async (userId: string): Promise<string | undefined> =>
  (await findContact(oid(userId)))?.openid;
export const usernamesToIds = (names: readonly string[]): Promise<Map<string, string>> => userIdsByUsername(names);
/** Staff user ids holding a role (the escalation's recipients). */
export const staffWithRole = (role: 'dispatcher' | 'district_admin'): Promise<string[]> => activeUserIdsWithRole(role);

export function reportPage(filter: Record<string, unknown>, q: { page: number; pageSize: number }) {
  return findPage<ReportDoc>(Report, filter, { createdAt: -1, _id: -1 }, q);
}

/** Open reports of the category within `radiusM` of the point, nearest first. */
export async function openNearby(category: string, p: { lng: number; lat: number }, radiusM: number): Promise<(ReportDoc & { distanceM: number })[]> {
  return Report.aggregate<ReportDoc & { distanceM: number }>([
    {
      $geoNear: {
        near: { type: 'Point', coordinates: [p.lng, p.lat] },
        distanceField: 'distanceM',
        maxDistance: radiusM,
        spherical: true,
        query: { category, status: { $nin: ['closed_fixed', 'closed_not_fixed', 'rejected', 'duplicate'] } },
      },
    },
    { $limit: 10 },
  ]);
}

export const findApiKey = (keyHash: string): Promise<ApiKeyDoc | null> =>
  Open311Key.findOne({ keyHash, revokedAt: null }).lean<ApiKeyDoc>().exec();
export const listApiKeys = (): Promise<ApiKeyDoc[]> => Open311Key.find().sort({ createdAt: -1 }).lean<ApiKeyDoc[]>().exec();
