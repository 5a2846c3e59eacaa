import { z } from 'zod';
import { ZObjectId } from '../common';
import { CONSULT_MODES } from './clinics';

export const PROVIDER_KINDS = ['lawyer', 'student'] as const;
export type TProviderKind = (typeof PROVIDER_KINDS)[number];

export const ZAddProvider = z.strictObject({
  userId: ZObjectId,
  kind: z.enum(PROVIDER_KINDS, { error: '请选择律师或法学实习生' }),
  /** 执业证号: 17 digits on the licence. */
  licenceNo: z
    .string()
    .trim()
    .regex(/^\d{17}$/, '执业证号应为 17 位数字')
    .optional(),
  intro: z.string().trim().max(200, '简介不能超过 200 个字').optional(),
});
export type TAddProvider = z.infer<typeof ZAddProvider>;

export const ZProviderIdParams = z.strictObject({ providerId: ZObjectId });
export type TProviderIdParams = z.infer<typeof ZProviderIdParams>;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ZHhmm = (label: string) => z.string({ error: `请选择${label}` }).regex(HHMM, '时间格式应为 HH:MM');
export const ZDay = z
  .string({ error: '请选择日期' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD');

const ZWindow = z.strictObject({ start: ZHhmm('开始时间'), end: ZHhmm('结束时间') });

/** One weekly rule: a weekday (1 = Monday … 7 = Sunday) and a window, valid from a date on. */
export const ZAvailabilityRule = ZWindow.extend({
  weekday: z.number({ error: '请选择星期' }).int().min(1, '星期应为 1–7').max(7, '星期应为 1–7'),
  validFrom: ZDay.optional(),
  validTo: ZDay.optional(),
});
export const ZAvailabilityException = z.strictObject({
  date: ZDay,
  kind: z.enum(['off', 'extra'], { error: '请选择请假或加开' }),
  /** Without a window an `off` day is off all day. */
  start: ZHhmm('开始时间').optional(),
  end: ZHhmm('结束时间').optional(),
});

export const ZScheduleInput = z.strictObject({
  slotMinutes: z
    .number({ error: '请填写时长' })
    .int('须为整数')
    .min(10, '每次至少 10 分钟')
    .max(240, '每次不能超过 240 分钟'),
  bufferBeforeMinutes: z.number().int('须为整数').min(0, '不能为负数').max(120, '不能超过 120 分钟').default(0),
  bufferAfterMinutes: z.number().int('须为整数').min(0, '不能为负数').max(120, '不能超过 120 分钟').default(0),
  minNoticeHours: z.number().int('须为整数').min(0, '不能为负数').max(720, '不能超过 720 小时').default(0),
  maxPerDay: z
    .number({ error: '请填写每日上限' })
    .int('须为整数')
    .min(1, '每日至少 1 次')
    .max(50, '每日不能超过 50 次'),
  modes: z
    .array(z.enum(CONSULT_MODES, { error: '咨询方式无效' }))
    .min(1, '请至少选择一种咨询方式')
    .max(3),
  rules: z.array(ZAvailabilityRule).max(50, '规则不能超过 50 条'),
  exceptions: z.array(ZAvailabilityException).max(200, '例外日期不能超过 200 条'),
});
export type TScheduleInput = z.infer<typeof ZScheduleInput>;
export type TAvailabilityRule = z.infer<typeof ZAvailabilityRule>;
export type TAvailabilityException = z.infer<typeof ZAvailabilityException>;

export const ZProviderDto = z.object({
  id: z.string(),
  clinicId: z.string(),
  userId: z.string(),
  displayName: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  kindLabel: z.string(),
  licenceNo: z.string().nullable(),
  licenceVerified: z.boolean(),
  supervisorProviderId: z.string().nullable(),
  supervisorName: z.string().nullable(),
  intro: z.string(),
  active: z.boolean(),
});
export type TProviderDto = z.infer<typeof ZProviderDto>;
export const ZProviderList = z.object({ items: z.array(ZProviderDto) });
export const ZProviderEnvelope = z.object({ provider: ZProviderDto });

export const ZScheduleDto = z.object({
  providerId: z.string(),
  slotMinutes: z.number().int(),
  bufferBeforeMinutes: z.number().int(),
  bufferAfterMinutes: z.number().int(),
  minNoticeHours: z.number().int(),
  maxPerDay: z.number().int(),
  modes: z.array(z.enum(CONSULT_MODES)),
  rules: z.array(
    z.object({
      weekday: z.number().int(),
      start: z.string(),
      end: z.string(),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
    }),
  ),
  exceptions: z.array(
    z.object({
      date: z.string(),
      kind: z.enum(['off', 'extra']),
      start: z.string().nullable(),
      end: z.string().nullable(),
    }),
  ),
});
export type TScheduleDto = z.infer<typeof ZScheduleDto>;
export const ZScheduleEnvelope = z.object({ schedule: ZScheduleDto });

/**
 * The add-provider form's choices: an active account holding the lawyer or law-student role for
 * this clinic that is not one of its providers yet. A student comes with the supervising lawyer
 * named in their grant; `eligible` says whether that lawyer is already a provider here (the
 * server refuses the student until then).
 */
export const ZProviderCandidate = z.object({
  userId: z.string(),
  displayName: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  supervisorUserId: z.string().nullable(),
  supervisorName: z.string().nullable(),
  eligible: z.boolean(),
});
export type TProviderCandidate = z.infer<typeof ZProviderCandidate>;
export const ZProviderCandidateList = z.object({ items: z.array(ZProviderCandidate) });
