import { defineModule } from '../../platform/module';
import { routes } from './routes';

/** The audit log: recordAudit() for every staff action on personal data, and its reader. */
export const auditModule = defineModule({ name: 'audit', routes: (deps) => routes(deps) });

// The facade: what other modules may use.
export { AuditEntry, type AuditEntryDoc } from './model';
export { presentAuditEntry } from './presenter';
export { recordAudit } from './record';
export { sanitizeForAudit } from './sanitize';
export { auditSubscribers } from './subscribers';
