import { defineModule } from '../../platform/module';
import { seedClinicDemo } from './demo';
import { clinicJobs } from './jobs';
import { eraseClinicData, exportClinicData } from './privacy';
import { routes } from './routes';
import { clinicSubscribers } from './subscribers';

/**
 * Community legal clinics and mediation (issue 11): clinics and their providers, availability,
 * bookings with waitlist and conflict checks, consultation records with the supervisor's
 * sign-off, the mediation committee's cases, ratings and stats.
 */
export const clinicModule = defineModule({
  name: 'clinic',
  routes: (deps) => routes(deps),
  jobs: (deps) => clinicJobs(deps),
  privacy: {
    name: 'clinic',
    export: (userId) => exportClinicData(userId),
    covers: ['ClinicBooking', 'ClinicWaitlist', 'ClinicAttachment', 'MediationCase'],
    erase: (userId, now, deps) => eraseClinicData(userId, now, deps),
  },
  notificationTemplates: {
    bookingUpdate: 'WECHAT_TEMPLATE_BOOKING_UPDATE',
    consultReminder: 'WECHAT_TEMPLATE_CONSULT_REMINDER',
    mediationReminder: 'WECHAT_TEMPLATE_MEDIATION_REMINDER',
  },
  // A getter: read when the list is composed, not at load (see defineModule).
  get subscribers() {
    return clinicSubscribers;
  },
  demo: (deps, orgs) => seedClinicDemo(deps, orgs),
});

// The facade: what other modules may use (reports opens cases for disputes through it or its event).
export { openMediationCase, type OpenCaseInput } from './commands/mediation';
