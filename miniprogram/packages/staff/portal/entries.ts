import { STAFF_ROLES, type TRole } from '@shared/enums';
import { ROUTES } from '../../../services/routes';

export interface TPortalEntry {
  key: string;
  title: string;
  description: string;
  /** Roles that see the entry. */
  roles: TRole[];
  /** Page in a role subpackage; omitted while the feature is not built (shown as 即将开放). */
  url?: string;
}

/**
 * The one table behind the staff portal. A domain issue adds its subpackage
 * (packages/team, packages/clinic, packages/dispatch, ...) and sets `url` here.
 */
export const PORTAL_ENTRIES: TPortalEntry[] = [
  {
    key: 'admin-users',
    title: '人员与角色',
    description: '查看账号，授予或收回角色，停用账号',
    roles: ['district_admin'],
    url: ROUTES.adminUsers,
  },
  {
    key: 'admin-staff-new',
    title: '新建工作人员',
    description: '为工作人员开设登录账号',
    roles: ['district_admin'],
    url: ROUTES.adminStaffNew,
  },
  {
    key: 'admin-audit',
    title: '审计日志',
    description: '所有工作人员操作的记录',
    roles: ['district_admin'],
    url: ROUTES.adminAudit,
  },
  {
    key: 'team',
    title: '团队管理',
    description: '发布活动、审核报名与服务时长',
    roles: ['team_admin'],
    url: '/packages/team/home/index',
  },
  {
    key: 'district-teams',
    title: '团队认证',
    description: '审核志愿团队的成立申请',
    roles: ['district_admin'],
    url: '/packages/district/teams/index',
  },
  {
    key: 'district-help',
    title: '求助审核',
    description: '审核居民求助，通过后公开',
    roles: ['district_admin', 'team_admin'],
    url: '/packages/district/help/index',
  },
  {
    key: 'district-stats',
    title: '志愿服务统计',
    description: '志愿者、时长、活动统计与导出',
    roles: ['district_admin'],
    url: '/packages/district/stats/index',
  },
  {
    key: 'district-moderation',
    title: '内容审核',
    description: '审核待复核的活动、志愿者简介与报名备注',
    roles: ['district_admin'],
    url: ROUTES.districtModeration,
  },
  {
    key: 'district-outbox',
    title: '事件投递',
    description: '查看多次重试仍未送达的系统事件（通知、审计记录），排除故障后重新投递',
    roles: ['district_admin'],
    url: ROUTES.districtOutbox,
  },
  // clinic (issue 11)
  {
    key: 'clinic-bookings',
    title: '法律咨询',
    description: '查看预约，记录咨询结果，签发实习生记录',
    roles: ['lawyer', 'law_student'],
    url: ROUTES.clinicAgenda,
  },
  {
    key: 'clinic-schedule',
    title: '诊所排班',
    description: '服务人员、执业证核验、排班与预约',
    roles: ['clinic_coordinator'],
    url: ROUTES.clinicCoordinator,
  },
  {
    key: 'clinic-cases',
    title: '调解案件',
    description: '人民调解委员会的案件队列与结果',
    roles: ['mediator', 'clinic_coordinator', 'district_admin'],
    url: ROUTES.clinicCases,
  },
  {
    key: 'clinic-stats',
    title: '法律服务统计',
    description: '服务人数、咨询类别、调解成功率与导出',
    roles: ['clinic_coordinator', 'district_admin', 'mediator'],
    url: ROUTES.clinicStats,
  },
  // identity (issue 16): every staff account can change its own password
  {
    key: 'staff-password',
    title: '修改密码',
    description: '修改登录密码；其他设备上的登录将退出',
    roles: [...STAFF_ROLES],
    url: ROUTES.staffPassword,
  },
  // certificates (issue 16)
  {
    key: 'admin-certificates',
    title: '证明出具',
    description: '志愿服务记录证明的出具单位、负责人、经办人、确认与公示设置，待确认的证明',
    roles: ['district_admin'],
    url: ROUTES.adminCertificates,
  },
  // community (issue 14)
  {
    key: 'community-notices',
    title: '社区公告',
    description: '发布公告与紧急提醒，查看阅读数',
    roles: ['district_admin', 'community_admin'],
    url: ROUTES.communityNotices,
  },
  {
    key: 'community-places',
    title: '便民服务点',
    description: '维护 15 分钟生活圈的服务场所，CSV 批量导入',
    roles: ['district_admin', 'community_admin'],
    url: ROUTES.communityPlaces,
  },
  // reports (issue 12)
  { key: 'dispatch', title: '工单调度', description: '分派随手拍工单到网格与部门，超时督办', roles: ['dispatcher', 'district_admin'], url: ROUTES.reportDispatch },
  { key: 'handle', title: '工单处理', description: '处理分派给本部门或网格的问题', roles: ['handler'], url: ROUTES.reportTasks },
  { key: 'report-stats', title: '工单统计', description: '办结率、按时率、各部门考核与导出', roles: ['dispatcher', 'district_admin'], url: ROUTES.reportStats },
  { key: 'report-settings', title: '随手拍设置', description: '问题类别、处置部门、网格导入、工作日历、Open311 接口密钥', roles: ['district_admin'], url: ROUTES.reportAdmin },
  // donations (issue 13)
  { key: 'charity-donations', title: '捐赠管理', description: '捐赠记录与退款', roles: ['district_admin', 'charity_staff'], url: ROUTES.charityAdminDonations },
  { key: 'charity-projects', title: '公益项目', description: '新建、发布、结束项目，登记拨付', roles: ['district_admin', 'charity_staff'], url: ROUTES.charityAdminProjects },
  { key: 'charity-charities', title: '公益机构', description: '慈善组织、商户设置（只显示密钥指纹）与支付异常', roles: ['district_admin'], url: ROUTES.charityAdminCharities },
  { key: 'charity-reconcile', title: '捐赠对账', description: '下载微信支付账单，与本地记录逐笔核对', roles: ['district_admin', 'charity_staff'], url: ROUTES.charityAdminReconcile },
];

export function entriesFor(roles: readonly string[]): TPortalEntry[] {
  return PORTAL_ENTRIES.filter((e) => e.roles.some((r) => roles.includes(r)));
}
