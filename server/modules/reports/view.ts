/** Loading a report with what its policy needs, and presenting it for the asking user. */
import type { TReportDetailDto } from '@shared/schemas/reports/reports';
import type { Actor } from '../../http/actor';
import { fail } from '../../http/errors';
import type { ReportDoc } from './model';
import { isReportStaff, reportPolicy, type ReportResource } from './policy';
import { presentReportDetail } from './presenter';
import { findDepartment, findReport, gridNames, namesOf, setupNames } from './queries';

export const REPORT_NOT_FOUND = { code: 'not_found', message: '工单不存在' } as const;

export async function asResource(report: ReportDoc): Promise<ReportResource & { departmentName: string | null }> {
  const dept = report.department ? await findDepartment(report.department) : null;
  const departmentName = dept?.name ?? (report.department ? ((await setupNames('department', [String(report.department)])).get(String(report.department)) ?? null) : null);
  return { ...report, departmentHandlers: dept ? dept.handlers.map(String) : [], departmentName };
}

export async function loadResource(id: string): Promise<ReportResource & { departmentName: string | null }> {
  const report = await findReport(id);
  if (!report) throw fail(REPORT_NOT_FOUND.code, REPORT_NOT_FOUND.message);
  return asResource(report);
}

/** The case file as this actor may see it (the caller checked `viewCase`). */
export async function detailFor(report: ReportDoc, actor: Actor | null, now: Date): Promise<TReportDetailDto> {
  const r = await asResource(report);
  const staff = isReportStaff(actor);
  const [names, grid, abilities] = await Promise.all([
    namesOf([report.handler, staff ? report.reporter : null]),
    // By name, so a deleted grid still shows what it was called.
    report.grid ? gridNames([String(report.grid)]) : null,
    reportPolicy.abilities(actor, { ...r, asOf: now }),
  ]);
  const { viewCase: _v, ...shown } = abilities;
  return presentReportDetail(report, {
    viewerId: actor?.userId ?? null,
    staff,
    names,
    gridName: (report.grid && grid?.get(String(report.grid))) || null,
    departmentName: r.departmentName,
    abilities: shown,
    now,
  });
}
