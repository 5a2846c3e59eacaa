/**
 * Chinese names of audit actions and of the objects they touch, for the district admin's
 * 审计日志 (the page shows and filters by these; the stored action stays a stable code).
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'personal_data.viewed': '查看个人信息',
  'user.searched': '搜索用户',
  'staff.created': '新建工作人员',
  'role.granted': '授予角色',
  'role.revoked': '收回角色',
  'user.updated': '修改账号',
  'user.disabled': '停用账号',
  'user.enabled': '启用账号',
  'user.deleted': '注销账号',
  'hours.confirm': '确认服务时长',
  'hours.reject': '驳回服务时长',
  'hours.adjust': '调整服务时长',
  'hours.reconcile_fix': '修正时长统计',
  'gallery.show': '显示照片',
  'gallery.hide': '隐藏照片',
  'gallery.delete': '删除照片',
  'help_request.approve': '通过求助',
  'help_request.reject': '驳回求助',
  'help_request.take': '认领求助',
  'help_request.convert': '求助转为活动',
  'volunteering.team.certified': '认证团队',
  'volunteering.team.rejected': '驳回团队申请',
  'volunteering.team_member.approved': '通过入队申请',
  'volunteering.team_member.rejected': '驳回入队申请',
  'volunteering.team_member.left': '成员退出团队',
  'volunteering.team_member.role_changed': '变更成员角色',
  'volunteering.activity.published': '发布活动',
  'volunteering.activity.held': '发布活动（待内容审核）',
  'volunteering.activity.updated': '修改活动',
  'volunteering.activity.cancelled': '取消活动',
  'volunteering.activity.moderation.published': '审核通过活动',
  'volunteering.activity.moderation.rejected': '审核驳回活动',
  'volunteering.signup.approved': '通过报名',
  'volunteering.signup.rejected': '驳回报名',
  'volunteering.signup.note_approved': '通过报名备注',
  'volunteering.signup.note_rejected': '驳回报名备注',
  'volunteering.volunteer.intro_rejected': '驳回志愿者简介',
  'realname.corrected': '更正实名信息',
  'password.changed': '修改密码',
  'system.tick': '系统任务',
  'outbox.retried': '重新投递失败事件',
  'demo.edit': '演示数据修改',
  // certificates (issue 16)
  'certificate.confirmed': '确认志愿服务记录证明',
  'certificate.rejected': '驳回志愿服务记录证明',
  'certificate.settings_changed': '修改证明出具设置',
};

export const AUDIT_TARGET_LABELS: Record<string, string> = {
  user: '账号',
  team: '团队',
  activity: '活动',
  help_request: '求助',
  hours_entry: '时长记录',
  hours_totals: '时长统计',
  photo: '照片',
  signup: '报名',
  team_membership: '团队成员',
  volunteer: '志愿者',
  job: '系统任务',
  outbox: '事件投递',
  // certificates (issue 16)
  certificate: '志愿服务记录证明',
  certificate_settings: '证明出具设置',
};

/** The Chinese name of an action; an action without one shows its code rather than nothing. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export function auditTargetLabel(type: string): string {
  return AUDIT_TARGET_LABELS[type] ?? type;
}
