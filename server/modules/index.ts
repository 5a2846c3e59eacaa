import type { AppDeps } from '../deps';
import type { RouteSpec } from '../http/route';
import type { ModuleDefinition } from '../platform/module';
import { moduleProblems, moduleReviewKinds, moduleRoutes, moduleSubscribers } from '../platform/compose';
import { installModules } from '../platform/installed';
import { registerSubscribers } from '../platform/outbox/registry';
import { adminModule } from './admin';
import { auditModule } from './audit';
import { authModule } from './auth';
import { contentModule } from './content';
import { notificationsModule } from './notifications';
import { orgModule } from './org';
import { outboxModule } from './outbox';
import { privacyModule } from './privacy';
import { realnameModule } from './realname';
import { registerReviewKind, reviewModule } from './review';
import { usersModule } from './users';
import { volunteeringModule } from './volunteering';
import { activitiesModule, connectActivityBookings } from './volunteering/activities';
import { attendanceModule } from './volunteering/attendance';
import { certificatesModule } from './volunteering/certificates';
import { galleryModule } from './volunteering/gallery';
import { helpRequestsModule } from './volunteering/help-requests';
import { hoursModule } from './volunteering/hours';
import { activityBookings, signupsModule } from './volunteering/signups';
import { statsModule } from './volunteering/stats';
import { teamsModule } from './volunteering/teams';
import { volunteersModule } from './volunteering/volunteers';
import { wechatPushModule } from './wechat-push';
// community (issue 14)
import { communityModule } from './community';
import { communityLawsModule } from './community/laws';
import { communityNoticesModule } from './community/notices';
import { communityPlacesModule } from './community/places';
import { communityResidentsModule } from './community/residents';
// clinic (issue 11)
import { clinicModule } from './clinic';
// reports (issue 12)
import { reportsModule } from './reports';
// donations (issue 13)
import { donationsModule } from './donations';
// dev clock (issue 11 journey)
import { devClockModule } from './dev-clock';

/**
 * The one list of modules. The app's routes (and so OpenAPI), the scheduler's
 * jobs, privacy export and deletion, notification templates, review kinds,
 * event subscribers and the demo seed are all composed from it
 * (server/platform/compose.ts). A new domain adds one import and one line.
 * Route order is mount order: keep a module with literal paths before one whose
 * `:param` could swallow them.
 */
let list: readonly ModuleDefinition[] | undefined;

/**
 * The list, built on first call rather than at load: modules import each
 * other's facades (and privacy, notifications and the scheduler read this
 * list), so at load time some definitions may not exist yet.
 */
export const allModules = (): readonly ModuleDefinition[] => (list ??= build());

/**
 * Ports are connected here, where every module is known: activities asks
 * signups through ActivityBookings (signups depend on activities, never the
 * reverse; see activities/bookings.ts). Every module's event subscribers are
 * handed to the outbox dispatcher.
 */
function build(): readonly ModuleDefinition[] {
  connectActivityBookings(activityBookings);
  const modules = [
    authModule,
    usersModule,
    adminModule,
    auditModule,
    outboxModule,
    orgModule,
    notificationsModule,
    privacyModule,
    realnameModule,
    contentModule,
    reviewModule,
    attendanceModule,
    hoursModule,
    certificatesModule,
    helpRequestsModule,
    volunteersModule,
    teamsModule,
    activitiesModule,
    signupsModule,
    galleryModule,
    statsModule,
    volunteeringModule,
    wechatPushModule,
    // community (issue 14)
    communityResidentsModule,
    communityNoticesModule,
    communityPlacesModule,
    communityLawsModule,
    communityModule,
    // clinic (issue 11)
    clinicModule,
    // reports (issue 12)
    reportsModule,
    // donations (issue 13)
    donationsModule,
    // dev clock (issue 11 journey)
    devClockModule,
  ];
  registerSubscribers(moduleSubscribers(modules));
  installModules(modules);
  return modules;
}

/** Every module's routes, after checking the list hangs together (fails the start, not a request). */
export function allRoutes(deps: AppDeps): RouteSpec[] {
  const problems = moduleProblems(allModules(), deps);
  if (problems.length) throw new Error(`module list: ${problems.join('; ')}`);
  registerReviewKind(...moduleReviewKinds(allModules()));
  return moduleRoutes(allModules(), deps);
}
