import type { TAuditEntryDto } from '@shared/schemas/audit';
import type { AuditEntryDoc } from './model';

export function presentAuditEntry(e: AuditEntryDoc): TAuditEntryDto {
  return presentAuditEntryTitled(e, new Map());
}

/** With the object's name from auditTargetTitles (the staff log; an export lists codes only). */
export function presentAuditEntryTitled(e: AuditEntryDoc, titles: Map<string, string>): TAuditEntryDto {
  const title = titles.get(`${e.target.type}:${e.target.id}`);
  return {
    id: e._id.toHexString(),
    actor: {
      id: e.actor.id ? e.actor.id.toHexString() : undefined,
      kind: e.actor.kind,
      displayName: e.actor.displayName,
      system: e.actor.system,
    },
    action: e.action,
    target: { type: e.target.type, id: e.target.id, ...(title ? { title } : {}) },
    before: e.before,
    after: e.after,
    requestId: e.requestId,
    at: e.at.toISOString(),
  };
}
