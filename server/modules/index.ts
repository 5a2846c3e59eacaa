import type { AppDeps } from '../deps';
import type { RouteSpec } from '../http/route';
import { routes as adminRoutes } from './admin/routes';
import { routes as auditRoutes } from './audit/routes';
import { routes as authRoutes } from './auth/routes';
import { routes as orgRoutes } from './org/routes';
import { routes as userRoutes } from './users/routes';
import { routes as notificationRoutes } from './notifications/routes';
import { routes as privacyRoutes } from './privacy/routes';
import { routes as realNameRoutes } from './realname/routes';
import { routes as volAttendanceRoutes } from './volunteering/attendance/routes';
import { routes as volHoursRoutes } from './volunteering/hours/routes';
import { routes as volCertificatesRoutes } from './volunteering/certificates/routes';
import { routes as volHelpRequestsRoutes } from './volunteering/help-requests/routes';
import { routes as volVolunteersRoutes } from './volunteering/volunteers/routes';
import { routes as volTeamsRoutes } from './volunteering/teams/routes';
import { routes as volActivitiesRoutes } from './volunteering/activities/routes';
import { routes as volSignupsRoutes } from './volunteering/signups/routes';
import { routes as volSignupNotesRoutes } from './volunteering/signups/note-moderation-routes';
import { routes as volGalleryRoutes } from './volunteering/gallery/routes';
import { routes as volStatsRoutes } from './volunteering/stats/routes';
import { routes as wechatPushRoutes } from './wechat-push/routes';
// Registers volunteering's PIPL export/erase section (side effect).
import './volunteering/privacy';

/** Every module's routes. One import + one spread line per module (targeted edits only). */
export function allRoutes(deps: AppDeps): RouteSpec[] {
  return [
    ...authRoutes(deps),
    ...userRoutes(deps),
    ...adminRoutes(deps),
    ...auditRoutes(deps),
    ...orgRoutes(deps),
    ...notificationRoutes(deps),
    ...privacyRoutes(deps),
    ...realNameRoutes(deps),
    ...volAttendanceRoutes(deps),
    ...volHoursRoutes(deps),
    ...volCertificatesRoutes(deps),
    ...volHelpRequestsRoutes(deps),
    ...volVolunteersRoutes(deps),
    ...volTeamsRoutes(deps),
    ...volActivitiesRoutes(deps),
    ...volSignupsRoutes(deps),
    ...volSignupNotesRoutes(deps),
    ...volGalleryRoutes(deps),
    ...volStatsRoutes(deps),
    ...wechatPushRoutes(deps),
  ];
}
