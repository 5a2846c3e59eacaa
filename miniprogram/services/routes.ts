/** Every route the app knows, so links and redirects never drift from app.config.ts. */
export const ROUTES = {
  home: '/pages/home/index',
  activities: '/pages/activity/index',
  services: '/pages/services/index',
  me: '/pages/me/index',
  login: '/pages/auth/login/index',
  consent: '/pages/auth/consent/index',
  staffLogin: '/packages/staff/login/index',
  staffPortal: '/packages/staff/portal/index',
  adminUsers: '/packages/admin/users/index',
  adminUser: '/packages/admin/user/index',
  adminStaffNew: '/packages/admin/staff-new/index',
  adminAudit: '/packages/admin/audit/index',
  districtModeration: '/packages/district/moderation/index',
} as const;
