import { Types } from 'mongoose';
import type { TFieldError } from '@shared/errors';
import { DISPUTE_CATEGORY } from '@shared/schemas/reports/taxonomy';
import type { TSubmitReport } from '@shared/schemas/reports/reports';
import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { checkText } from '../../content';
import { DISPUTE_REFERRED, type DisputeReferredPayload } from '../events';
import { districtBoundary, insidePolygon } from '../geo';
import { Report, ReportPhoto, type CategoryDoc, type ReportDoc } from '../model';
import { findCategory, findDepartment, gridAt, userOpenid } from '../queries';
import { applyStep } from './transition';

export type SubmitResult =
  | { outcome: 'routed' | 'queued'; report: ReportDoc }
  | Refusal<'unknown_category' | 'outside_district' | 'photo_invalid'>
  | { outcome: 'attribute_missing'; path: string; label: string }
  | { outcome: 'content_risky'; fields: TFieldError[] };

/** The responsible department and handler for a point and category, or nulls (the dispatcher's queue). */
export async function routeFor(category: CategoryDoc, p: { lng: number; lat: number }) {
  const grid = await gridAt(p);
  if (!grid) return { grid: null, department: null, handler: null };
  const deptId = grid.departmentByCategory?.[category.code] ?? category.defaultDepartment ?? null;
  const department = deptId ? await findDepartment(deptId) : null;
  if (!department) return { grid, department: null, handler: null };
  // The grid's own worker when they handle for that department; else the department's queue.
  const handlers = new Set(department.handlers.map(String));
  const handler = grid.workers.find((w) => handlers.has(String(w))) ?? null;
  return { grid, department, handler };
}

/**
 * A resident (or an Open311 client) reports a problem. Checked: the category exists and is
 * active, its required attributes are there, the point is inside the district, the photos are the
 * reporter's own unused uploads, and the public text passes the content check. Then routed: the
 * point's grid and the category give the department and handler (accepted and dispatched by the
 * system at once); without a grid or department it waits in the dispatcher's queue. A dispute
 * (矛盾纠纷) is also referred to the clinics' mediation queue by `report.dispute_referred`.
 */
export async function submitReport(
  deps: AppDeps,
  input: TSubmitReport & { reporterId: string | null; source?: 'app' | 'open311'; mediaUrl?: string; open311Token?: string },
): Promise<SubmitResult> {
  const category = await findCategory(input.categoryCode);
  if (!category || !category.active) return { outcome: 'unknown_category' };
  for (const a of category.attributes) {
    const v = input.attributes[a.code]?.trim();
    if (a.required && !v) return { outcome: 'attribute_missing', path: `attributes.${a.code}`, label: a.label };
  }
  if (!insidePolygon(input.location, districtBoundary(deps.config))) return { outcome: 'outside_district' };
  const photoIds = [...new Set(input.photoIds)].map((id) => new Types.ObjectId(id));
  const verdict = await checkText(deps, {
    openid: input.reporterId ? await userOpenid(input.reporterId) : undefined,
    scene: 'forum',
    fields: { description: input.description, address: input.address },
  });
  if (verdict.outcome === 'content_risky') return verdict;
  const route = await routeFor(category, input.location);
  const now = deps.now();
  return inUnitOfWork(deps, async (uow): Promise<SubmitResult> => {
    const id = new Types.ObjectId();
    if (photoIds.length) {
      const claimed = await ReportPhoto.updateMany(
        { _id: { $in: photoIds }, uploader: input.reporterId ? new Types.ObjectId(input.reporterId) : null, report: null },
        { $set: { report: id } },
      );
      if (claimed.modifiedCount !== photoIds.length) return uow.rollback({ outcome: 'photo_invalid' as const });
    }
    await Report.create({
      _id: id,
      category: category.code,
      categoryLabel: category.label,
      description: input.description,
      attributes: Object.fromEntries(category.attributes.filter((a) => input.attributes[a.code]).map((a) => [a.code, input.attributes[a.code]])),
      photos: photoIds,
      location: { type: 'Point', coordinates: [input.location.lng, input.location.lat] },
      address: input.address,
      anonymous: input.anonymous,
      reporter: input.reporterId ? new Types.ObjectId(input.reporterId) : null,
      followers: [],
      source: input.source ?? 'app',
      open311Token: input.open311Token,
      mediaUrl: input.mediaUrl,
      status: 'submitted',
      grid: route.grid?._id ?? null,
      sla: { clock: category.clock, escalation: 0, overdue: false },
      history: [{ action: 'submit', from: null, to: 'submitted', actor: input.reporterId ? new Types.ObjectId(input.reporterId) : null, actorName: input.anonymous || !input.reporterId ? '匿名居民' : '居民', note: '', photos: photoIds, at: now }],
      contentFlag: verdict.outcome,
      createdAt: now,
      updatedAt: now,
    });
    uow.emit({ type: 'report.submitted', aggregate: `report:${String(id)}`, payload: { reportId: String(id), category: category.code } });
    if (category.code === DISPUTE_CATEGORY) {
      uow.emit({
        type: DISPUTE_REFERRED,
        aggregate: `report:${String(id)}`,
        payload: {
          reportId: String(id),
          categoryCode: category.code,
          description: input.description,
          address: input.address,
          lng: input.location.lng,
          lat: input.location.lat,
          reporterUserId: input.reporterId ?? '',
        } satisfies DisputeReferredPayload,
      });
    }
    let report = (await Report.findById(id).lean<ReportDoc>())!;
    if (route.department) {
      const system = { system: 'routing' };
      report = (await applyStep(uow, id, { action: 'accept', actor: system, note: `自动受理：${route.grid!.name}`, set: { acceptedAt: now } }, now))!;
      report = (await applyStep(
        uow,
        id,
        {
          action: 'dispatch',
          actor: system,
          note: `按网格与类别派遣至${route.department.name}`,
          set: { department: route.department._id, handler: route.handler, dispatchedAt: now, firstDispatchedAt: now },
        },
        now,
      ))!;
    }
    return { outcome: route.department ? 'routed' : 'queued', report };
  });
}
