import { z } from 'zod';
import { ZDateOut, ZObjectId, ZPagination, zPage } from './common';

/** District admin: the outbox's dead letters (events a subscriber kept failing on). */
export const ZOutboxDeadQuery = ZPagination;
export type TOutboxDeadQuery = z.infer<typeof ZOutboxDeadQuery>;

export const ZOutboxEventDto = z.object({
  id: z.string(),
  type: z.string(),
  aggregate: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number().int(),
  failedSubscriber: z.string().optional(),
  lastError: z.string().optional(),
  createdAt: ZDateOut,
  deadAt: ZDateOut.optional(),
});
export type TOutboxEventDto = z.infer<typeof ZOutboxEventDto>;

export const ZOutboxDeadPage = zPage(ZOutboxEventDto);
export type TOutboxDeadPage = z.infer<typeof ZOutboxDeadPage>;

export const ZOutboxRetryInput = z.object({
  ids: z.array(ZObjectId).min(1, '请选择要重新投递的事件').max(100, '一次最多重新投递 100 个事件'),
});
export type TOutboxRetryInput = z.infer<typeof ZOutboxRetryInput>;

export const ZOutboxRetryResult = z.object({ retried: z.number().int() });
export type TOutboxRetryResult = z.infer<typeof ZOutboxRetryResult>;
