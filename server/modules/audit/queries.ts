import { Types } from 'mongoose';
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
