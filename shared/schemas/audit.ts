import { z } from 'zod';
import { ZDateOut, ZObjectId, ZPagination, zIsoDate, zPage } from './common';

const ZIsoDate = zIsoDate('时间格式不正确');

export const ZAuditQuery = ZPagination.extend({
  actor: ZObjectId.optional(),
  action: z.string().trim().max(64, '操作名称过长').optional(),
  targetType: z.string().trim().max(32, '对象类型过长').optional(),
  targetId: z.string().trim().max(64, '对象编号过长').optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始时间不能晚于结束时间', path: ['to'] });
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEntryDto = z.object({
  id: z.string(),
  actor: z.object({
    id: z.string().optional(),
    kind: z.enum(['resident', 'staff', 'system']),
    displayName: z.string(),
    system: z.string().optional(),
  }),
  action: z.string(),
  /** `title`: the object's name when it still exists (account name, team name, activity title). */
  target: z.object({ type: z.string(), id: z.string(), title: z.string().optional() }),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  requestId: z.string().optional(),
  at: ZDateOut,
});
export type TAuditEntryDto = z.infer<typeof ZAuditEntryDto>;
export const ZAuditPage = zPage(ZAuditEntryDto);
