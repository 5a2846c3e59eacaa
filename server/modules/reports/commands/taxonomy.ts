/**
 * District admins manage the taxonomy, departments, grids, the working-day calendar and Open311
 * keys. Every change is one unit of work with an audited event (`report_setup.changed`).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { TCategoryInput, TDepartmentInput, TGridInput, THolidayCalendar } from '@shared/schemas/reports/taxonomy';
import { ZGridInput } from '@shared/schemas/reports/taxonomy';
import type { AppDeps } from '../../../deps';
import type { Actor } from '../../../http/actor';
import { auditActor } from '../../../platform/outbox/event';
import type { Refusal } from '../../../platform/outcome';
import { inUnitOfWork, type UnitOfWork } from '../../../platform/unit-of-work';
import { polygonProblem } from '../geo';
import { Open311Key, Report, ReportCategory, ReportDepartment, ReportGrid, ReportSettings, ReportSetupTombstone, type ApiKeyDoc, type CategoryDoc, type DepartmentDoc, type GridDoc } from '../model';
import { usernamesToIds } from '../queries';

const oid = (id: string) => new Types.ObjectId(id);
const isDuplicateKey = (e: unknown) => (e as { code?: number })?.code === 11000;

function audited(uow: UnitOfWork, actor: Actor, what: string, id: string, after: unknown): void {
  uow.emit({
    type: 'report_setup.changed',
    aggregate: `report_setup:${what}`,
    payload: { what, id },
    audit: { actor: auditActor(actor), action: `report_setup.${what}`, target: { type: `report_${what}`, id }, after },
  });
}

/** Creates (no id) or replaces a category; the code is unique. */
export async function saveCategory(deps: AppDeps, actor: Actor, input: TCategoryInput, id?: string): Promise<{ outcome: 'saved'; category: CategoryDoc } | Refusal<'code_taken' | 'not_found' | 'department_invalid'>> {
  if (input.defaultDepartmentId && !(await ReportDepartment.exists({ _id: oid(input.defaultDepartmentId) }))) return { outcome: 'department_invalid' };
  const doc = { ...input, defaultDepartment: input.defaultDepartmentId ? oid(input.defaultDepartmentId) : null };
  try {
    return await inUnitOfWork(deps, async (uow) => {
      const saved = id
        ? await ReportCategory.findOneAndUpdate({ _id: oid(id) }, { $set: doc }, { returnDocument: 'after' }).lean<CategoryDoc>()
        : (await ReportCategory.create(doc)).toObject<CategoryDoc>();
      if (!saved) return uow.rollback({ outcome: 'not_found' as const });
      audited(uow, actor, 'category', String(saved._id), input);
      return { outcome: 'saved' as const, category: saved };
    });
  } catch (e) {
    if (isDuplicateKey(e)) return { outcome: 'code_taken' };
    throw e;
  }
}

export async function saveDepartment(deps: AppDeps, actor: Actor, input: TDepartmentInput, id?: string): Promise<{ outcome: 'saved'; department: DepartmentDoc } | Refusal<'code_taken' | 'not_found'>> {
  const doc = { name: input.name, handlers: [...new Set(input.handlerIds)].map(oid) };
  try {
    return await inUnitOfWork(deps, async (uow) => {
      const saved = id
        ? await ReportDepartment.findOneAndUpdate({ _id: oid(id) }, { $set: doc }, { returnDocument: 'after' }).lean<DepartmentDoc>()
        : (await ReportDepartment.create(doc)).toObject<DepartmentDoc>();
      if (!saved) return uow.rollback({ outcome: 'not_found' as const });
      audited(uow, actor, 'department', String(saved._id), input);
      return { outcome: 'saved' as const, department: saved };
    });
  } catch (e) {
    if (isDuplicateKey(e)) return { outcome: 'code_taken' };
    throw e;
  }
}

/**
 * Deletes a department no one relies on: no category has it as default, no grid maps a category
 * to it, and no open report is with it (closed reports keep its id; the stats show the id).
 */
export async function deleteDepartment(deps: AppDeps, actor: Actor, id: string): Promise<{ outcome: 'deleted' } | Refusal<'not_found'> | { outcome: 'in_use'; message: string }> {
  const dept = oid(id);
  const category = await ReportCategory.findOne({ defaultDepartment: dept }, { label: 1 }).lean();
  if (category) return { outcome: 'in_use', message: `类别「${category.label}」以该部门为默认处置部门，请先修改类别` };
  const grid = (await ReportGrid.find({}, { name: 1, departmentByCategory: 1 }).lean()).find((g) => Object.values(g.departmentByCategory ?? {}).some((d) => String(d) === id));
  if (grid) return { outcome: 'in_use', message: `网格「${grid.name}」的类别派遣指向该部门，请先修改网格` };
  if (await Report.exists({ department: dept, status: { $nin: ['closed_fixed', 'closed_not_fixed', 'rejected', 'duplicate'] } }))
    return { outcome: 'in_use', message: '该部门仍有未办结的工单，请先改派' };
  return inUnitOfWork(deps, async (uow) => {
    const gone = await ReportDepartment.findOneAndDelete({ _id: dept }).lean();
    if (!gone) return uow.rollback({ outcome: 'not_found' as const });
    await ReportSetupTombstone.create([{ _id: gone._id, kind: 'department', name: gone.name, deletedAt: deps.now() }]);
    audited(uow, actor, 'department_delete', id, { name: gone.name });
    return { outcome: 'deleted' as const };
  });
}

/** Deletes a grid: reports keep its id; new reports in its area go to the dispatcher's queue. */
export function deleteGrid(deps: AppDeps, actor: Actor, id: string): Promise<{ outcome: 'deleted' } | Refusal<'not_found'>> {
  return inUnitOfWork(deps, async (uow) => {
    const gone = await ReportGrid.findOneAndDelete({ _id: oid(id) }).lean();
    if (!gone) return uow.rollback({ outcome: 'not_found' as const });
    await ReportSetupTombstone.create([{ _id: gone._id, kind: 'grid', name: gone.name, code: gone.code, deletedAt: deps.now() }]);
    audited(uow, actor, 'grid_delete', id, { code: gone.code, name: gone.name });
    return { outcome: 'deleted' as const };
  });
}

const gridDoc = (input: TGridInput) => ({
  code: input.code,
  name: input.name,
  polygon: input.polygon,
  workers: [...new Set(input.workerIds)].map(oid),
  departmentByCategory: Object.fromEntries(Object.entries(input.departmentByCategory).map(([k, v]) => [k, oid(v)])),
});

export async function saveGrid(deps: AppDeps, actor: Actor, input: TGridInput, id?: string): Promise<{ outcome: 'saved'; grid: GridDoc } | Refusal<'code_taken' | 'not_found'> | { outcome: 'polygon_invalid'; message: string }> {
  const problem = polygonProblem(input.polygon);
  if (problem) return { outcome: 'polygon_invalid', message: problem };
  try {
    return await inUnitOfWork(deps, async (uow) => {
      const saved = id
        ? await ReportGrid.findOneAndUpdate({ _id: oid(id) }, { $set: gridDoc(input) }, { returnDocument: 'after' }).lean<GridDoc>()
        : (await ReportGrid.create(gridDoc(input))).toObject<GridDoc>();
      if (!saved) return uow.rollback({ outcome: 'not_found' as const });
      audited(uow, actor, 'grid', String(saved._id), { code: input.code, name: input.name });
      return { outcome: 'saved' as const, grid: saved };
    });
  } catch (e) {
    if (isDuplicateKey(e)) return { outcome: 'code_taken' };
    throw e;
  }
}

/**
 * Imports grids from a GeoJSON FeatureCollection: each feature needs properties `code` and `name`
 * (and optionally `workers`, usernames) and a Polygon geometry. Every feature is checked first;
 * rows with problems are reported by row number and the rest are imported (upsert by code).
 */
export async function importGrids(deps: AppDeps, actor: Actor, features: unknown[]): Promise<{ imported: number; errors: { row: number; code: string | null; message: string }[] }> {
  const errors: { row: number; code: string | null; message: string }[] = [];
  const good: TGridInput[] = [];
  const usernames = features.flatMap((f) => {
    const w = (f as { properties?: { workers?: unknown } })?.properties?.workers;
    return Array.isArray(w) ? w.filter((x): x is string => typeof x === 'string') : [];
  });
  const ids = await usernamesToIds(usernames);
  const seen = new Set<string>();
  features.forEach((f, i) => {
    const row = i + 1;
    const feature = f as { type?: unknown; properties?: Record<string, unknown>; geometry?: unknown } | null;
    const code = typeof feature?.properties?.code === 'string' ? feature.properties.code : null;
    if (!feature || feature.type !== 'Feature') return void errors.push({ row, code, message: '不是 GeoJSON Feature' });
    const workers = Array.isArray(feature.properties?.workers) ? (feature.properties.workers as unknown[]) : [];
    const unknown = workers.filter((w) => typeof w !== 'string' || !ids.has(w));
    if (unknown.length) return void errors.push({ row, code, message: `网格员账号不存在：${unknown.map(String).join('、')}` });
    const parsed = ZGridInput.safeParse({ code, name: feature.properties?.name, polygon: feature.geometry, workerIds: workers.map((w) => ids.get(w as string)) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return void errors.push({ row, code, message: `${issue.path.join('.') || '内容'}：${issue.message}` });
    }
    const problem = polygonProblem(parsed.data.polygon);
    if (problem) return void errors.push({ row, code, message: problem });
    if (seen.has(parsed.data.code)) return void errors.push({ row, code, message: '编码在文件中重复' });
    seen.add(parsed.data.code);
    good.push(parsed.data);
  });
  if (good.length) {
    await inUnitOfWork(deps, async (uow) => {
      for (const g of good) {
        const { departmentByCategory: _keep, ...rest } = gridDoc(g);
        await ReportGrid.updateOne({ code: g.code }, { $set: rest }, { upsert: true });
      }
      audited(uow, actor, 'grid_import', 'geojson', { imported: good.map((g) => g.code), errors: errors.length });
    });
  }
  return { imported: good.length, errors };
}

export function saveCalendar(deps: AppDeps, actor: Actor, cal: THolidayCalendar): Promise<THolidayCalendar> {
  return inUnitOfWork(deps, async (uow) => {
    const holidays = [...new Set(cal.holidays)].sort();
    const workdays = [...new Set(cal.workdays)].sort();
    await ReportSettings.updateOne({ _id: 'calendar' }, { $set: { holidays, workdays } }, { upsert: true });
    audited(uow, actor, 'calendar', 'calendar', { holidays, workdays });
    return { holidays, workdays };
  });
}

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Issues an Open311 key; the key itself is shown once, only its hash is stored. */
export function issueApiKey(deps: AppDeps, actor: Actor, name: string): Promise<{ key: string; doc: ApiKeyDoc }> {
  const key = `o311_${randomBytes(24).toString('base64url')}`;
  return inUnitOfWork(deps, async (uow) => {
    const doc = (
      await Open311Key.create({ name, keyHash: hashApiKey(key), prefix: key.slice(0, 9), createdBy: oid(actor.userId), createdAt: deps.now(), revokedAt: null })
    ).toObject<ApiKeyDoc>();
    audited(uow, actor, 'api_key', String(doc._id), { name, prefix: doc.prefix });
    return { key, doc };
  });
}

export function revokeApiKey(deps: AppDeps, actor: Actor, id: string): Promise<ApiKeyDoc | null> {
  return inUnitOfWork(deps, async (uow) => {
    const doc = await Open311Key.findOneAndUpdate({ _id: oid(id), revokedAt: null }, { $set: { revokedAt: deps.now() } }, { returnDocument: 'after' }).lean<ApiKeyDoc>();
    if (doc) audited(uow, actor, 'api_key_revoke', id, { prefix: doc.prefix });
    return doc;
  });
}
