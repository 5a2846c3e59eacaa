import { z } from 'zod';
import { ZDateOut, ZObjectId, ZPagination } from './common';

/** Subscribe-message templates the app uses; ids come from server config (GET /api/client-config). */
export const TEMPLATE_KEYS = [
  'activityReminder',
  'signupResult',
  'waitlistOffer',
  'issueUpdate',
  'bookingUpdate',
  // community (issue 14)
  'communityAlert',
  // clinic (issue 11)
  'consultReminder',
  'mediationReminder',
] as const;
export type TTemplateKey = (typeof TEMPLATE_KEYS)[number];

/** What wx.requestSubscribeMessage reports per template id. */
export const ZSubscribeResult = z.enum(['accept', 'reject', 'ban', 'filter'], { error: '订阅结果无效' });

export const ZSubscriptionsInput = z.object({
  results: z
    .record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '模板编号格式不正确'), ZSubscribeResult, {
      error: '缺少订阅结果',
    })
    .refine((r) => Object.keys(r).length >= 1, '缺少订阅结果')
    .refine((r) => Object.keys(r).length <= 20, '一次最多上报 20 个模板'),
});
export type TSubscriptionsInput = z.infer<typeof ZSubscriptionsInput>;

export const ZNotificationListQuery = ZPagination;
export type TNotificationListQuery = z.infer<typeof ZNotificationListQuery>;

export const ZNotificationIdParams = z.object({ id: ZObjectId });
export type TNotificationIdParams = z.infer<typeof ZNotificationIdParams>;

export const ZNotificationDto = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().optional(),
  readAt: ZDateOut.optional(),
  createdAt: ZDateOut,
});
export type TNotificationDto = z.infer<typeof ZNotificationDto>;

export const ZNotificationList = z.object({
  items: z.array(ZNotificationDto),
  total: z.number().int(),
  unread: z.number().int(),
});
export type TNotificationList = z.infer<typeof ZNotificationList>;

/** Remaining one-time subscribe-message consents per template id. */
export const ZConsentCounts = z.object({ consents: z.record(z.string(), z.number().int()) });
