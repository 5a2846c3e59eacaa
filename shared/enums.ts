export const ROLES = [
  'resident',
  'volunteer',
  'team_admin',
  'lawyer',
  'law_student',
  'clinic_coordinator',
  'dispatcher',
  'handler',
  'district_admin',
  // community (issue 14)
  'community_admin',
  // clinic (issue 11)
  'mediator',
  // donations (issue 13)
  'charity_staff',
] as const;
export type TRole = (typeof ROLES)[number];

export const ROLE_LABELS: Record<TRole, string> = {
  resident: '居民',
  volunteer: '志愿者',
  team_admin: '团队管理员',
  lawyer: '律师',
  law_student: '法学实习生',
  clinic_coordinator: '法律诊所协调员',
  dispatcher: '调度员',
  handler: '处置人员',
  district_admin: '区级管理员',
  // community (issue 14)
  community_admin: '社区管理员',
  // clinic (issue 11)
  mediator: '人民调解员',
  // donations (issue 13)
  charity_staff: '公益机构工作人员',
};

/** Roles held by staff accounts (H5 portal, username + password). */
export const STAFF_ROLES: readonly TRole[] = [
  'team_admin',
  'lawyer',
  'law_student',
  'clinic_coordinator',
  'dispatcher',
  'handler',
  'district_admin',
  // community (issue 14)
  'community_admin',
  // clinic (issue 11)
  'mediator',
  // donations (issue 13)
  'charity_staff',
];
