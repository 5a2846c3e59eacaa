import { defineModule } from '../../platform/module';
import { routes } from './routes';
import { auditSubscribers } from './subscribers';

/** The audit log: recordAudit() for every staff action on personal data, and its reader. */
export const auditModule = defineModule({
  name: 'audit',
  routes: (deps) => routes(deps),
  // A getter: read when the list is composed, not at load (see defineModule).
  get subscribers() {
    return auditSubscribers;
  },
});

// The facade: what other modules may use.
export { AuditEntry, type AuditEntryDoc } from './model';
export { presentAuditEntry } from './presenter';
export { auditEntriesAbout, renameAuditActor } from './queries';
export { recordAudit } from './record';
export { sanitizeForAudit } from './sanitize';
export { auditSubscribers } from './subscribers';
