import mongoose, { Types } from 'mongoose';
import type { Actor } from '../../http/actor';
import { AuditEntry } from './model';
import { sanitizeForAudit } from './sanitize';

export interface AuditInput {
  actor: Pick<Actor, 'userId' | 'kind'> | { system: string };
  action: string;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  requestId?: string;
  /** Defaults to now; pass deps.now() when a test controls the clock. */
  at?: Date;
}

/** Looks the display name up so the log stays readable after roles change. */
async function displayNameOf(userId: string): Promise<string> {
  if (!Types.ObjectId.isValid(userId)) return '';
  const db = mongoose.connection.db;
  if (!db) return '';
  const doc = await db
    .collection<{ _id: Types.ObjectId; displayName?: string }>('users')
    .findOne({ _id: new Types.ObjectId(userId) }, { projection: { displayName: 1 } });
  return doc?.displayName ?? '';
}

/**
 * Appends one audit entry. Awaited by callers on purpose: an action that must
 * be audited (a staff view of personal data) fails when the audit write fails.
 */
export async function recordAudit(entry: AuditInput): Promise<void> {
  const actor =
    'system' in entry.actor
      ? { kind: 'system' as const, displayName: entry.actor.system, system: entry.actor.system }
      : {
          kind: entry.actor.kind,
          id: new Types.ObjectId(entry.actor.userId),
          displayName: await displayNameOf(entry.actor.userId),
        };
  await AuditEntry.create({
    actor,
    action: entry.action,
    target: { type: entry.target.type, id: String(entry.target.id) },
    before: entry.before === undefined ? undefined : sanitizeForAudit(entry.before),
    after: entry.after === undefined ? undefined : sanitizeForAudit(entry.after),
    requestId: entry.requestId,
    at: entry.at ?? new Date(),
  });
}
