import mongoose, { Types } from 'mongoose';
import type { TAuditQuery } from '@shared/schemas/audit';
import { AuditEntry, type AuditEntryDoc } from './model';

/** Newest first, filtered by actor, action, target and period. */
export async function listAuditEntries(q: TAuditQuery): Promise<{ items: AuditEntryDoc[]; total: number }> {
  const filter: Record<string, unknown> = {};
  if (q.actor) filter['actor.id'] = new Types.ObjectId(q.actor);
  if (q.action) filter.action = q.action;
  if (q.targetType) filter['target.type'] = q.targetType;
  if (q.targetId) filter['target.id'] = q.targetId;
  if (q.from || q.to) {
    const at: { $gte?: Date; $lte?: Date } = {};
    if (q.from) at.$gte = q.from;
    if (q.to) at.$lte = q.to;
    filter.at = at;
  }
  const [items, total] = await Promise.all([
    AuditEntry.find(filter)
      .sort({ at: -1, _id: -1 })
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .lean<AuditEntryDoc[]>(),
    AuditEntry.countDocuments(filter),
  ]);
  return { items, total };
}

/**
 * Where each kind of audited object keeps its name. Looked up through mongoose's registry by
 * model name, so the audit log needs no import of the modules it describes.
 */
const TITLE_SOURCES: Record<string, { model: string; field: string }> = {
  user: { model: 'User', field: 'displayName' },
  team: { model: 'Team', field: 'name' },
  activity: { model: 'Activity', field: 'title' },
  help_request: { model: 'HelpRequest', field: 'title' },
};

/** `type:id` → the object's name, for one page of entries (one query per kind of object). */
export async function auditTargetTitles(items: AuditEntryDoc[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const idsByType = new Map<string, Set<string>>();
  for (const e of items) {
    if (!TITLE_SOURCES[e.target.type] || !Types.ObjectId.isValid(e.target.id)) continue;
    const ids = idsByType.get(e.target.type) ?? new Set<string>();
    ids.add(e.target.id);
    idsByType.set(e.target.type, ids);
  }
  await Promise.all(
    [...idsByType].map(async ([type, ids]) => {
      const { model, field } = TITLE_SOURCES[type];
      const Model = mongoose.models[model];
      if (!Model) return;
      const docs = await Model.find({ _id: { $in: [...ids].map((id) => new Types.ObjectId(id)) } }, { [field]: 1 }).lean<
        Record<string, unknown>[]
      >();
      for (const d of docs) if (typeof d[field] === 'string') titles.set(`${type}:${String(d._id)}`, d[field]);
    }),
  );
  return titles;
}

/** What the audit holds about a user or of their actions, newest first (their PIPL export). */
export const auditEntriesAbout = (userId: string): Promise<AuditEntryDoc[]> =>
  AuditEntry.find({ $or: [{ 'target.type': 'user', 'target.id': userId }, { 'actor.id': new Types.ObjectId(userId) }] })
    .sort({ at: -1 })
    .lean<AuditEntryDoc[]>()
    .exec();

/** A deleted account's actions stay audited under the placeholder name (inside the deletion's unit of work). */
export async function renameAuditActor(actorId: Types.ObjectId, displayName: string): Promise<void> {
  await AuditEntry.updateMany({ 'actor.id': actorId }, { $set: { 'actor.displayName': displayName } });
}
