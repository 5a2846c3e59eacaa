import { Types } from 'mongoose';
import { isOpen } from '@shared/schemas/reports/status';
import type { STAFF_ACTIONS, TReportActionBody } from '@shared/schemas/reports/reports';
import type { AppDeps } from '../../../deps';
import type { Actor } from '../../../http/actor';
import type { Refusal } from '../../../platform/outcome';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { Report, ReportPhoto, type ReportDoc } from '../model';
import { findDepartment, findReport, isHandlerOf, namesOf } from '../queries';
import { applyStep, type Step } from './transition';

export type StaffAction = (typeof STAFF_ACTIONS)[number];

export type ActResult =
  | { outcome: StaffAction; report: ReportDoc }
  | Refusal<'not_found' | 'wrong_state' | 'photo_invalid' | 'duplicate_target_invalid'>
  | { outcome: 'missing'; path: string; message: string }
  | { outcome: 'department_invalid'; path: string; message: string };

/** Claims the uploader's own unattached uploads for the report; null when any is not theirs or used (roll back). */
export async function claimPhotos(ids: readonly string[], uploader: string, report: Types.ObjectId): Promise<Types.ObjectId[] | null> {
  const photoIds = [...new Set(ids)].map((i) => new Types.ObjectId(i));
  if (!photoIds.length) return [];
  const r = await ReportPhoto.updateMany({ _id: { $in: photoIds }, uploader: new Types.ObjectId(uploader), report: null }, { $set: { report } });
  return r.modifiedCount === photoIds.length ? photoIds : null;
}

const need = (path: string, message: string) => ({ outcome: 'missing' as const, path, message });

/**
 * One staff step on a report (dispatcher or handler; the route checked the role with the policy).
 * Each action checks what it needs from the body, then moves the report with `applyStep` in one
 * unit of work: the move, its history entry with notes and photos, the audit entry and messages.
 */
export async function actOnReport(deps: AppDeps, input: { id: string; action: StaffAction; actor: Actor; body: TReportActionBody; requestId?: string }): Promise<ActResult> {
  const { action, body } = input;
  const now = deps.now();
  const set: Record<string, unknown> = {};
  let note = body.note;
  let to: Step['to'];
  if (['reject', 'transfer', 'close_not_fixed', 'reopen'].includes(action)) {
    if (!body.reason) return need('reason', '请填写原因（至少 2 个字）');
    note = body.reason + (body.note ? `；${body.note}` : '');
  }
  if (action === 'resolve' && !body.note) return need('note', '请填写处置结果');
  if (action === 'update' && !body.note && body.photoIds.length === 0) return need('note', '请填写进展或上传照片');
  if (action === 'arrive' && !body.location) return need('location', '到场签到需要当前位置');
  const current = await findReport(input.id);
  if (!current) return { outcome: 'not_found' };
  if (action === 'dispatch') {
    if (!body.departmentId) return need('departmentId', '请选择处置部门');
    const dept = await findDepartment(body.departmentId);
    if (!dept) return { outcome: 'department_invalid', path: 'departmentId', message: '处置部门不存在' };
    if (body.handlerId && !(await isHandlerOf(dept, body.handlerId)))
      return { outcome: 'department_invalid', path: 'handlerId', message: '该人员不是此部门的处置人员' };
    Object.assign(set, {
      department: dept._id,
      handler: body.handlerId ? new Types.ObjectId(body.handlerId) : null,
      dispatchedAt: now,
      firstDispatchedAt: current.firstDispatchedAt ?? now,
      acceptedAt: current.acceptedAt ?? now,
    });
    note = note ?? `派遣至${dept.name}`;
  }
  if (action === 'mark_duplicate') {
    if (!body.duplicateOfId) return need('duplicateOfId', '请选择重复的原工单');
    const original = body.duplicateOfId === input.id ? null : await findReport(body.duplicateOfId);
    if (!original || !isOpen(original.status)) return { outcome: 'duplicate_target_invalid' };
    set.duplicateOf = original._id;
    set.closedAt = now;
  }
  if (action === 'accept') set.acceptedAt = now;
  if (action === 'take' && !current.handler) set.handler = new Types.ObjectId(input.actor.userId);
  if (action === 'arrive') {
    to = 'in_progress';
    if (!current.arrivedAt) set.arrivedAt = now;
    if (!current.handler) set.handler = new Types.ObjectId(input.actor.userId);
  }
  if (action === 'transfer') set.handler = null;
  if (action === 'resolve') set.resolvedAt = now;
  if (action === 'close_not_fixed') set.closedAt = now;
  if (action === 'reopen') Object.assign(set, { closedAt: null, fixedByDefault: false, confirmation: null });
  const name = (await namesOf([input.actor.userId])).get(input.actor.userId) ?? '工作人员';
  return inUnitOfWork(deps, async (uow): Promise<ActResult> => {
    const photos = await claimPhotos(body.photoIds, input.actor.userId, current._id);
    if (!photos) return uow.rollback({ outcome: 'photo_invalid' as const });
    const report = await applyStep(
      uow,
      current._id,
      { action, actor: { userId: input.actor.userId, name, kind: input.actor.kind }, note, photos, location: body.location, set, to, requestId: input.requestId },
      now,
    );
    if (!report) return uow.rollback({ outcome: 'wrong_state' as const });
    if (action === 'mark_duplicate' && current.reporter) {
      // The duplicate's reporter follows the original from now on.
      await Report.updateOne({ _id: set.duplicateOf as Types.ObjectId }, { $addToSet: { followers: current.reporter } });
    }
    return { outcome: action, report };
  });
}
