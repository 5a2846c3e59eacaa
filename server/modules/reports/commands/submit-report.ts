import { Types } from 'mongoose';
import type { TFieldError } from '@shared/errors';
import { DISPUTE_CATEGORY } from '@shared/schemas/reports/taxonomy';
import type { TSubmitReport } from '@shared/schemas/reports/reports';
import type { TReportStatus } from '@shared/schemas/reports/status';
import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { checkText } from '../../content';
import { DISPUTE_REFERRED, type DisputeReferredPayload } from '../events';
import { districtBoundary, insidePolygon } from '../geo';
import { Report, ReportPhoto, type CategoryDoc, type HistoryDoc, type ReportDoc } from '../model';
import { findCategory, findDepartment, gridAt, holidayCalendar, userOpenid } from '../queries';
import { computeSla } from '../sla';
import { photoFlaggedEvents } from '../photo-review';
import { heldOf } from './photos';

export type SubmitResult =
  | { outcome: 'routed' | 'queued'; report: ReportDoc }
  | Refusal<'unknown_category' | 'outside_district' | 'photo_invalid'>
  | { outcome: 'attribute_missing'; path: string; label: string }
  | { outcome: 'attribute_not_an_option'; path: string; label: string; options: string[] }
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
 * active, its required attributes are there (list attributes one of their options), the point is inside the district, the photos are the
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
    // A list attribute takes one of its options (the app offers a picker; Open311 clients may send anything).
    if (v && a.options?.length && !a.options.includes(v)) return { outcome: 'attribute_not_an_option', path: `attributes.${a.code}`, label: a.label, options: a.options };
  }
  if (!insidePolygon(input.location, districtBoundary(deps.config))) return { outcome: 'outside_district' };
  const photoIds = [...new Set(input.photoIds)].map((id) => new Types.ObjectId(id));
  const verdict = await checkText(deps, {
    openid: input.reporterId ? await userOpenid(input.reporterId) : undefined,
    scene: 'forum',
    fields: { description: input.description, address: input.address },
  });
  if (verdict.outcome === 'content_risky') return verdict;
  const [route, calendar] = await Promise.all([routeFor(category, input.location), holidayCalendar()]);
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
    // Photos whose image check has not passed yet stay out of public views until it does.
    const held = await heldOf(photoIds);
    const heldPhotos = held.map((p) => p._id);
    const reporter = input.reporterId ? new Types.ObjectId(input.reporterId) : null;
    const system = (action: 'accept' | 'dispatch', from: TReportStatus, to: TReportStatus, note: string): HistoryDoc =>
      ({ action, from, to, actor: null, actorName: '系统', note, photos: [], at: now });
    const history: HistoryDoc[] = [
      { action: 'submit', from: null, to: 'submitted', actor: reporter, actorName: input.anonymous || !reporter ? '匿名居民' : '居民', note: '', photos: photoIds, at: now },
    ];
    // Routed at once: accepted and dispatched by the system in the same write (one insert, not
    // three moves with three events: the reporter has the outcome in the answer already).
    if (route.department)
      history.push(
        system('accept', 'submitted', 'accepted', `自动受理：${route.grid!.name}`),
        system('dispatch', 'accepted', 'dispatched', `按网格与类别派遣至${route.department.name}`),
      );
    const routed = route.department
      ? { status: 'dispatched' as const, department: route.department._id, handler: route.handler, acceptedAt: now, dispatchedAt: now, firstDispatchedAt: now }
      : { status: 'submitted' as const, department: null, handler: null, acceptedAt: null, dispatchedAt: null, firstDispatchedAt: null };
    const base = { createdAt: now, arrivedAt: null, resolvedAt: null, history, ...routed };
    // The first timers are known here; later ones follow the status events (reports.sla).
    const sla = computeSla(base, category, calendar, now);
    const report = (
      await Report.create({
        _id: id,
        category: category.code,
        categoryLabel: category.label,
        description: input.description,
        attributes: Object.fromEntries(category.attributes.filter((a) => input.attributes[a.code]).map((a) => [a.code, input.attributes[a.code]])),
        photos: photoIds,
        heldPhotos,
        location: { type: 'Point', coordinates: [input.location.lng, input.location.lat] },
        address: input.address,
        anonymous: input.anonymous,
        reporter,
        followers: [],
        source: input.source ?? 'app',
        open311Token: input.open311Token,
        mediaUrl: input.mediaUrl,
        grid: route.grid?._id ?? null,
        sla,
        contentFlag: verdict.outcome,
        updatedAt: now,
        ...base,
      })
    ).toObject<ReportDoc>();
    // A photo the image check already flagged is reported to staff with the report.
    for (const e of await photoFlaggedEvents({ _id: id, categoryLabel: category.label }, held)) uow.emit(e);
    uow.emit({
      type: 'report.submitted',
      aggregate: `report:${String(id)}`,
      payload: { reportId: String(id), category: category.code, status: routed.status },
    });
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
    return { outcome: route.department ? 'routed' : 'queued', report };
  });
}
