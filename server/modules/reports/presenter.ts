import { REPORT_ACTION_LABELS, REPORT_STATUS_LABELS, type TReportAction } from '@shared/schemas/reports/status';
import type { TPublicReportDto, TReportAbilities, TReportDetailDto } from '@shared/schemas/reports/reports';
import type { TCategoryDto, TDepartmentDto, TGridDto } from '@shared/schemas/reports/taxonomy';
import type { Types } from 'mongoose';
import type { CategoryDoc, DepartmentDoc, GridDoc, ReportDoc } from './model';

export const photoUrl = (id: Types.ObjectId | string, thumb = false): string =>
  `/api/report-photos/${String(id)}/file${thumb ? '?size=thumb' : ''}`;
const photo = (id: Types.ObjectId) => ({ id: String(id), url: photoUrl(id), thumbUrl: photoUrl(id, true) });
const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export const isOverdue = (r: Pick<ReportDoc, 'sla'>, now: Date): boolean =>
  Boolean(r.sla?.nextDueAt && r.sla.nextDueAt.getTime() < now.getTime());

/** Public: the problem, never the people (no reporter, handler or attributes), and only checked photos. */
export function presentPublicReport(r: ReportDoc, now: Date, opts: { allPhotos?: boolean } = {}): TPublicReportDto {
  const held = new Set((opts.allPhotos ? [] : (r.heldPhotos ?? [])).map(String));
  return {
    id: String(r._id),
    categoryCode: r.category,
    categoryLabel: r.categoryLabel,
    description: r.description,
    address: r.address,
    location: { lng: r.location.coordinates[0], lat: r.location.coordinates[1] },
    status: r.status,
    statusLabel: r.fixedByDefault ? '已办结（默认解决）' : REPORT_STATUS_LABELS[r.status],
    fixedByDefault: r.fixedByDefault,
    overdue: isOverdue(r, now),
    reporterLabel: r.anonymous ? '匿名' : '居民',
    photos: r.photos.filter((p) => !held.has(String(p))).map(photo),
    followers: r.followers.length,
    createdAt: r.createdAt.toISOString(),
    closedAt: iso(r.closedAt),
  };
}

export interface DetailContext {
  viewerId: string | null;
  staff: boolean;
  names: Map<string, string>;
  gridName: string | null;
  departmentName: string | null;
  abilities: TReportAbilities;
  now: Date;
}

const ref = (id: Types.ObjectId | null, name: string | null | undefined) => (id ? { id: String(id), name: name ?? '' } : null);

/** The case file: for the reporter and followers (no reporter identity) and for staff (all of it). */
export function presentReportDetail(r: ReportDoc, c: DetailContext): TReportDetailDto {
  return {
    // The reporter and staff see photos still being checked; followers see what the public sees.
    ...presentPublicReport(r, c.now, { allPhotos: c.staff || (c.viewerId !== null && String(r.reporter) === c.viewerId) }),
    mine: c.viewerId !== null && String(r.reporter) === c.viewerId,
    following: c.viewerId !== null && r.followers.some((f) => String(f) === c.viewerId),
    anonymous: r.anonymous,
    reporter: c.staff && r.reporter ? { id: String(r.reporter), name: c.names.get(String(r.reporter)) ?? '' } : null,
    attributes: r.attributes ?? {},
    grid: ref(r.grid, c.gridName),
    department: ref(r.department, c.departmentName),
    handler: ref(r.handler, r.handler ? c.names.get(String(r.handler)) : null),
    duplicateOfId: r.duplicateOf ? String(r.duplicateOf) : null,
    arrivedAt: iso(r.arrivedAt),
    resolvedAt: iso(r.resolvedAt),
    confirmation: r.confirmation
      ? { answer: r.confirmation.answer, rating: r.confirmation.rating ?? null, note: r.confirmation.note ?? '', at: r.confirmation.at.toISOString() }
      : null,
    sla: {
      clock: r.sla?.clock ?? 'around_the_clock',
      acceptDueAt: iso(r.sla?.acceptDueAt),
      arriveDueAt: iso(r.sla?.arriveDueAt),
      resolveDueAt: iso(r.sla?.resolveDueAt),
      escalation: r.sla?.escalation ?? 0,
      overdue: isOverdue(r, c.now),
    },
    history: r.history.map((h) => ({
      action: h.action,
      label: h.action === 'submit' ? '上报' : (REPORT_ACTION_LABELS[h.action as TReportAction] ?? h.action),
      from: h.from,
      to: h.to,
      // Residents see the step, not who among the staff took it; the reporter's own name only to staff.
      actorName: c.staff ? h.actorName : h.actor === null ? '系统' : h.action === 'submit' || h.action.startsWith('confirm') ? '居民' : '工作人员',
      note: h.note,
      photos: h.photos.map(photo),
      at: h.at.toISOString(),
    })),
    abilities: c.abilities,
  };
}

export function presentCategory(c: CategoryDoc): TCategoryDto {
  return {
    id: String(c._id),
    code: c.code,
    label: c.label,
    kind: c.kind,
    group: c.group,
    defaultDepartmentId: c.defaultDepartment ? String(c.defaultDepartment) : null,
    sla: { acceptMinutes: c.sla.acceptMinutes, arriveMinutes: c.sla.arriveMinutes, resolveMinutes: c.sla.resolveMinutes },
    clock: c.clock,
    attributes: c.attributes.map((a) => ({ code: a.code, label: a.label, required: a.required, ...(a.options?.length ? { options: a.options } : {}) })),
    active: c.active,
  };
}

export function presentDepartment(d: DepartmentDoc, names: Map<string, string>): TDepartmentDto {
  return { id: String(d._id), name: d.name, handlers: d.handlers.map((h) => ({ id: String(h), name: names.get(String(h)) ?? '' })) };
}

export function presentGrid(g: GridDoc, names: Map<string, string>): TGridDto {
  return {
    id: String(g._id),
    code: g.code,
    name: g.name,
    polygon: { type: 'Polygon', coordinates: g.polygon.coordinates },
    workers: g.workers.map((w) => ({ id: String(w), name: names.get(String(w)) ?? '' })),
    departmentByCategory: Object.fromEntries(Object.entries(g.departmentByCategory ?? {}).map(([k, v]) => [k, String(v)])),
  };
}
