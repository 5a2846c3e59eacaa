import type { TOutboxDeadPage, TOutboxRetryInput, TOutboxRetryResult } from '@shared/schemas/outbox';
import { http } from './api';

const { request } = http;

/** The outbox's dead letters (district admins): events a subscriber kept failing on, and sending them again. */
export const outboxApi = {
  dead: (page: number, pageSize: number) => request<TOutboxDeadPage>({ path: '/api/admin/outbox/dead', query: { page, pageSize } }),
  retry: (body: TOutboxRetryInput) => request<TOutboxRetryResult>({ method: 'POST', path: '/api/admin/outbox/retry', body }),
};

/** What happened, as the district admin reads it (unknown types show as they are). */
export const OUTBOX_EVENT_LABELS: Record<string, string> = {
  'signup.confirmed': '报名成功',
  'signup.offered': '候补递补',
  'signup.cancelled': '取消报名',
  'signup.approved': '报名审核通过',
  'signup.rejected': '报名未通过',
  'activity.cancelled': '活动取消',
  'hours.confirmed': '服务时长确认',
  'hours.rejected': '服务时长驳回',
  'membership.approved': '入队申请通过',
  'membership.rejected': '入队申请驳回',
  'membership.role_changed': '成员角色变更',
  'membership.left': '成员退出团队',
};

/** Who failed to handle it. */
export const OUTBOX_SUBSCRIBER_LABELS: Record<string, string> = {
  'audit.record': '审计日志',
  'volunteering.notify': '消息通知',
  'volunteering.lists-cache': '活动列表缓存',
};

export const outboxEventLabel = (type: string): string => OUTBOX_EVENT_LABELS[type] ?? type;
export const outboxSubscriberLabel = (name?: string): string => (name ? (OUTBOX_SUBSCRIBER_LABELS[name] ?? name) : '未知');
