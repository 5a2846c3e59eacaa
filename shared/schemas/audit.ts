import { z } from 'zod';
import { ZObjectId, ZPagination, zIsoDate } from './common';

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

export interface TAuditEntryDto {
  id: string;
  actor: { id?: string; kind: 'resident' | 'staff' | 'system'; displayName: string; system?: string };
  action: string;
  /** `title`: the object's name when it still exists (account name, team name, activity title). */
  target: { type: string; id: string; title?: string };
  before?: unknown;
  after?: unknown;
  requestId?: string;
  at: string;
}
