import { z } from 'zod';
import { VOLUNTEERING_LIMITS } from './constants';

/**
 * Helpers shared by the volunteering schemas. Bodies are strict objects: an
 * unknown key (including `$`-prefixed operator keys) is a 400, never silently
 * passed towards a query.
 */
export const ZIsoDateTime = z.iso.datetime({ offset: true, error: '时间格式不正确，应为 ISO 8601（含时区）' });

export const zText = (label: string, min: number, max: number) =>
  z
    .string({ error: `请输入${label}` })
    .trim()
    .min(min, min <= 1 ? `请输入${label}` : `${label}至少 ${min} 个字`)
    .max(max, `${label}最多 ${max} 个字`);

export const zTag = (label: string) =>
  z
    .string({ error: `${label}格式不正确` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(20, `${label}最多 20 个字`);

export const zBoolQuery = z
  .enum(['true', 'false', '1', '0'], { error: '只能是 true 或 false' })
  .transform((v) => v === 'true' || v === '1');

export const zLngQuery = z.coerce
  .number({ error: '经度格式不正确' })
  .min(-180, '经度超出范围')
  .max(180, '经度超出范围');
export const zLatQuery = z.coerce
  .number({ error: '纬度格式不正确' })
  .min(-90, '纬度超出范围')
  .max(90, '纬度超出范围');

export const ZPageQuery = {
  page: z.coerce.number({ error: '页码格式不正确' }).int('页码必须是整数').min(1, '页码至少为 1').default(1),
  pageSize: z.coerce
    .number({ error: '每页条数格式不正确' })
    .int('每页条数必须是整数')
    .min(1, '每页至少 1 条')
    .max(100, '每页最多 100 条')
    .default(20),
};

export { VOLUNTEERING_LIMITS } from './constants';

/** A team admin's approve/reject of a request (join requests, signups that need approval). */
export const ZApprovalDecisionInput = z
  .strictObject({
    decision: z.enum(['approve', 'reject'], { error: '处理结果只能是 approve 或 reject' }),
    reason: zText('理由', 0, VOLUNTEERING_LIMITS.reasonMax).optional(),
  })
  .refine((v) => v.decision !== 'reject' || (v.reason?.length ?? 0) >= 2, {
    message: '拒绝时请填写理由（至少 2 个字）',
    path: ['reason'],
  });
