/**
 * Every page of the app: the one route table. app.config.ts builds its main
 * package and subpackages from it (mainPages(), subPackages()), and links and
 * redirects use its constants, so a page cannot be listed in one place and
 * missing from another. A new page is one line here, in its package's group.
 * Main-package pages come first, the launch page first of all.
 */
export const ROUTES = {
  // Main package: the four tabs, login and consent.
  home: '/pages/home/index',
  activities: '/pages/activity/index',
  services: '/pages/services/index',
  me: '/pages/me/index',
  login: '/pages/auth/login/index',
  consent: '/pages/auth/consent/index',
  // Staff sign-in and portal.
  staffLogin: '/packages/staff/login/index',
  staffPortal: '/packages/staff/portal/index',
  // District admin: accounts and the audit log.
  adminUsers: '/packages/admin/users/index',
  adminUser: '/packages/admin/user/index',
  adminStaffNew: '/packages/admin/staff-new/index',
  adminAudit: '/packages/admin/audit/index',
  // Volunteers (residents).
  activity: '/packages/volunteer/activity/index',
  mySignups: '/packages/volunteer/my/index',
  checkin: '/packages/volunteer/checkin/index',
  hours: '/packages/volunteer/hours/index',
  verify: '/packages/volunteer/verify/index',
  register: '/packages/volunteer/register/index',
  team: '/packages/volunteer/team/index',
  teams: '/packages/volunteer/teams/index',
  teamApply: '/packages/volunteer/team-apply/index',
  help: '/packages/volunteer/help/index',
  // Team admins.
  teamHome: '/packages/team/home/index',
  teamPublish: '/packages/team/publish/index',
  teamActivity: '/packages/team/activity/index',
  teamHours: '/packages/team/hours/index',
  teamMembers: '/packages/team/members/index',
  teamAppeals: '/packages/team/appeals/index',
  // District staff.
  districtTeams: '/packages/district/teams/index',
  districtHelp: '/packages/district/help/index',
  districtStats: '/packages/district/stats/index',
  districtModeration: '/packages/district/moderation/index',
  districtOutbox: '/packages/district/outbox/index',
  // volunteering: approved help requests, public (issue 16)
  helpPublic: '/packages/volunteer/help-public/index',
  // identity (issue 16): staff change their own password
  staffPassword: '/packages/staff/password/index',
  // certificates (issue 16): the district's issuing settings and confirmation queue
  adminCertificates: '/packages/admin/certificates/index',
  // certificates (issue 16): the team admins' confirmation queue; the 7-day 公示 for the issuer's members
  teamCertificates: '/packages/team/certificates/index',
  certificateListing: '/packages/volunteer/cert-listing/index',
  // speed (issues 15 and 16): leaderboards of a period and the team admin's statistics
  leaderboard: '/packages/volunteer/leaderboard/index',
  teamStats: '/packages/team/stats/index',
  // community (issue 14): residents' notices, nearby services and law library; admins' notices and places.
  notices: '/packages/community/notices/index',
  notice: '/packages/community/notice/index',
  chooseCommunity: '/packages/community/choose/index',
  nearby: '/packages/community/nearby/index',
  laws: '/packages/community/laws/index',
  law: '/packages/community/law/index',
  communityNotices: '/packages/community-admin/notices/index',
  communityPlaces: '/packages/community-admin/places/index',
  // clinic (issue 11): residents, then clinic staff.
  clinicList: '/packages/clinic/list/index',
  clinicBook: '/packages/clinic/book/index',
  clinicMy: '/packages/clinic/my/index',
  clinicBooking: '/packages/clinic/booking/index',
  clinicReschedule: '/packages/clinic/reschedule/index',
  clinicAgenda: '/packages/clinic-staff/agenda/index',
  clinicCoordinator: '/packages/clinic-staff/coordinator/index',
  clinicCases: '/packages/clinic-staff/cases/index',
  clinicStats: '/packages/clinic-staff/stats/index',
  // reports (issue 12): residents' 随手拍, then the staff subpackage (handlers, dispatchers, stats)
  reportNew: '/packages/report/new/index',
  reportMine: '/packages/report/mine/index',
  reportDetail: '/packages/report/detail/index',
  reportPublic: '/packages/report/public/index',
  reportTasks: '/packages/report-staff/tasks/index',
  reportDispatch: '/packages/report-staff/dispatch/index',
  reportStats: '/packages/report-staff/stats/index',
  // reports (issue 12): district admins' settings subpackage
  reportAdmin: '/packages/report-admin/home/index',
  reportAdminCategories: '/packages/report-admin/categories/index',
  reportAdminDepartments: '/packages/report-admin/departments/index',
  reportAdminGrids: '/packages/report-admin/grids/index',
  reportAdminCalendar: '/packages/report-admin/calendar/index',
  reportAdminKeys: '/packages/report-admin/keys/index',
  // donations (issue 13): residents' projects, donating, receipts; then the district admin's subpackage
  charityProjects: '/packages/charity/projects/index',
  charityProject: '/packages/charity/project/index',
  charityDonate: '/packages/charity/donate/index',
  charityMine: '/packages/charity/mine/index',
  charityVerify: '/packages/charity/verify/index',
  charityAdminDonations: '/packages/charity-admin/donations/index',
  charityAdminProjects: '/packages/charity-admin/projects/index',
  charityAdminCharities: '/packages/charity-admin/charities/index',
  charityAdminDisburse: '/packages/charity-admin/disburse/index',
  charityAdminReconcile: '/packages/charity-admin/reconcile/index',
  charityAdminRegister: '/packages/charity-admin/register/index',
} as const;

export type TRoute = (typeof ROUTES)[keyof typeof ROUTES];

const MAIN = '/pages/';

/** app.config.ts `pages`: the main package, without the leading slash. */
export const mainPages = (): string[] =>
  Object.values(ROUTES)
    .filter((p) => p.startsWith(MAIN))
    .map((p) => p.slice(1));

/** app.config.ts `subPackages`: one per `packages/<root>`, pages relative to the root, in table order. */
export function subPackages(): { root: string; pages: string[] }[] {
  const byRoot = new Map<string, string[]>();
  for (const p of Object.values(ROUTES)) {
    const m = /^\/(packages\/[^/]+)\/(.+)$/.exec(p);
    if (!m) continue;
    byRoot.set(m[1], [...(byRoot.get(m[1]) ?? []), m[2]]);
  }
  return [...byRoot].map(([root, pages]) => ({ root, pages }));
}

export const withQuery = (url: string, q: Record<string, string | undefined>): string => {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`);
  return parts.length ? `${url}?${parts.join('&')}` : url;
};
