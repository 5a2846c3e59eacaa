import mongoose, { Types, type Model } from 'mongoose';
import type { AppDeps } from '../../deps';
import type { Refusal } from '../../platform/outcome';
import { auditEntriesAbout, sanitizeForAudit, presentAuditEntry } from '../audit';
import { sessionsOfUser } from '../auth';
import { consentCounts, notificationsOf } from '../notifications';
import { findUser, presentUser } from '../users';
import { allPersonalDataSections } from './sections';
import { PRIVACY_POLICY } from './policy-text';

/** Handled explicitly below; everything else referencing the user is dumped generically. */
const EXPLICIT = new Set(['User', 'Session', 'Notification', 'AuditEntry']);
const GENERIC_LIMIT = 5000;

/**
 * Field names that hold a user id even without `ref: 'User'`. Matching an id
 * that belongs to another collection finds nothing (ObjectIds are unique), so
 * a generous list only costs a query.
 */
const USER_FIELD_NAMES = new Set([
  'user',
  'userId',
  'resident',
  'author',
  'owner',
  'requester',
  'reporter',
  'createdBy',
]);

/** Paths of a schema that hold a user id (`ref: 'User'` or a user-ish ObjectId field, also inside arrays). */
function userRefPaths(model: Model<unknown>): string[] {
  const paths: string[] = [];
  model.schema.eachPath((path, type) => {
    const t = type as unknown as {
      instance?: string;
      options?: { ref?: unknown };
      caster?: { instance?: string; options?: { ref?: unknown } };
    };
    const isId = t.instance === 'ObjectId' || t.caster?.instance === 'ObjectId';
    const name = path.split('.').pop() ?? path;
    if (t.options?.ref === 'User' || t.caster?.options?.ref === 'User' || (isId && USER_FIELD_NAMES.has(name))) {
      paths.push(path);
    }
  });
  return paths;
}

async function genericSections(userId: Types.ObjectId, covered: Set<string>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of Object.keys(mongoose.models).sort()) {
    if (EXPLICIT.has(name) || covered.has(name)) continue;
    const model = mongoose.models[name] as Model<unknown>;
    const paths = userRefPaths(model);
    if (!paths.length) continue;
    const docs = await model
      .find({ $or: paths.map((p) => ({ [p]: userId })) })
      .limit(GENERIC_LIMIT)
      .lean();
    if (docs.length) out[model.collection.collectionName] = docs.map((d) => sanitizeForAudit(d) as unknown);
  }
  return out;
}

/** Asia/Shanghai calendar date, for the file name. */
const shanghaiDate = (d: Date): string => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * Everything Linli holds about the user (PIPL art. 45), as one JSON document.
 * The ID number appears masked, as in every response; token hashes and other
 * secrets are left out.
 */
export async function exportPersonalData(
  deps: AppDeps,
  userId: string,
): Promise<{ outcome: 'exported'; filename: string; data: unknown } | Refusal<'not_found'>> {
  const _id = new Types.ObjectId(userId);
  const user = await findUser(userId);
  if (!user) return { outcome: 'not_found' };
  const [sessions, notifications, audit] = await Promise.all([
    sessionsOfUser(_id),
    notificationsOf(_id),
    auditEntriesAbout(userId),
  ]);
  const custom: Record<string, unknown> = {};
  const covered = new Set<string>();
  for (const s of allPersonalDataSections()) {
    if (!s.export) continue;
    custom[s.name] = await s.export(_id);
    for (const m of s.covers ?? []) covered.add(m);
  }
  const now = deps.now();
  const data = {
    exportedAt: now.toISOString(),
    privacyPolicy: { current: PRIVACY_POLICY.version },
    profile: {
      ...presentUser(user),
      status: user.status,
      openid: user.openid,
      phone: user.phone,
    },
    consents: (user.consent?.history ?? []).map((h) => ({ version: h.version, at: new Date(h.at).toISOString() })),
    subscribeConsents: consentCounts(deps, user),
    sessions: sessions.map((s) => ({
      id: String(s._id),
      createdAt: s.createdAt?.toISOString(),
      lastSeenAt: s.lastSeenAt?.toISOString(),
      expiresAt: s.expiresAt?.toISOString(),
      revokedAt: s.revokedAt?.toISOString(),
    })),
    notifications: notifications.map((n) => ({
      id: String(n._id),
      channel: n.channel,
      title: n.title,
      body: n.body,
      link: n.link,
      status: n.status,
      readAt: n.readAt?.toISOString(),
      sentAt: n.sentAt?.toISOString(),
      createdAt: n.createdAt.toISOString(),
    })),
    auditEntries: audit.map(presentAuditEntry),
    ...custom,
    other: await genericSections(_id, covered),
  };
  return { outcome: 'exported', filename: `linli-export-${shanghaiDate(now)}.json`, data };
}
