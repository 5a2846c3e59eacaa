import { z } from 'zod';
import { ZGeoPoint, ZObjectId, hasRealText } from '../common';

export const CLINIC_TOPICS = [
  'marriage_family',
  'labour',
  'tenancy',
  'neighbour',
  'consumer',
  'traffic',
  'inheritance',
  'other',
] as const;
export type TClinicTopic = (typeof CLINIC_TOPICS)[number];
export const CLINIC_TOPIC_LABELS: Record<TClinicTopic, string> = {
  marriage_family: '婚姻家庭',
  labour: '劳动争议',
  tenancy: '房屋租赁',
  neighbour: '邻里纠纷',
  consumer: '消费维权',
  traffic: '交通事故',
  inheritance: '继承赡养',
  other: '其他',
};

export const CONSULT_MODES = ['in_person', 'phone', 'video'] as const;
export type TConsultMode = (typeof CONSULT_MODES)[number];
export const CONSULT_MODE_LABELS: Record<TConsultMode, string> = {
  in_person: '到场咨询',
  phone: '电话咨询',
  video: '视频咨询',
};

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, `${label}至少 ${min} 个字`)
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine(hasRealText, `${label}须包含文字`);

export const ZPhone = z
  .string({ error: '请填写电话' })
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不正确');

/** A clinic's service profile: what it offers and how bookings behave there. */
export const ZClinicInput = z.strictObject({
  name: text('名称', 2, 40),
  hostOrg: text('主办单位', 2, 60),
  address: text('地址', 2, 100),
  location: ZGeoPoint,
  phone: ZPhone.optional(),
  openingHours: text('开放时间', 2, 100),
  topics: z
    .array(z.enum(CLINIC_TOPICS, { error: '咨询类别无效' }))
    .min(1, '请至少选择一个咨询类别')
    .max(CLINIC_TOPICS.length),
  modes: z
    .array(z.enum(CONSULT_MODES, { error: '咨询方式无效' }))
    .min(1, '请至少选择一种咨询方式')
    .max(3),
  autoConfirm: z.boolean().default(true),
  /** Cancelling or rescheduling later than this before the start needs a reason. */
  cancelNoticeHours: z
    .number({ error: '请填写小时数' })
    .int('须为整数')
    .min(0, '不能为负数')
    .max(168, '不能超过 168 小时')
    .default(24),
  studentsAlone: z.boolean().default(false),
  waitlistHoldMinutes: z.number().int('须为整数').min(10, '至少 10 分钟').max(2880, '不能超过 48 小时').default(120),
});
export type TClinicInput = z.infer<typeof ZClinicInput>;
export const ZClinicPatch = ZClinicInput.partial();
export type TClinicPatch = z.infer<typeof ZClinicPatch>;

export const ZClinicIdParams = z.strictObject({ clinicId: ZObjectId });
export type TClinicIdParams = z.infer<typeof ZClinicIdParams>;

export const ZNearbyClinicsQuery = z.strictObject({
  lng: z.coerce.number({ error: '经度须为数字' }).min(-180, '经度超出范围').max(180, '经度超出范围').optional(),
  lat: z.coerce.number({ error: '纬度须为数字' }).min(-90, '纬度超出范围').max(90, '纬度超出范围').optional(),
  topic: z.enum(CLINIC_TOPICS, { error: '咨询类别无效' }).optional(),
});
export type TNearbyClinicsQuery = z.infer<typeof ZNearbyClinicsQuery>;

export const ZClinicDto = z.object({
  id: z.string(),
  name: z.string(),
  hostOrg: z.string(),
  address: z.string(),
  location: ZGeoPoint.nullable(),
  phone: z.string().nullable(),
  openingHours: z.string(),
  topics: z.array(z.object({ code: z.enum(CLINIC_TOPICS), label: z.string() })),
  modes: z.array(z.object({ code: z.enum(CONSULT_MODES), label: z.string() })),
  autoConfirm: z.boolean(),
  cancelNoticeHours: z.number().int(),
  studentsAlone: z.boolean(),
  waitlistHoldMinutes: z.number().int(),
  /** From the asker's point, when one was given (metres). */
  distanceM: z.number().nullable(),
});
export type TClinicDto = z.infer<typeof ZClinicDto>;
export const ZClinicList = z.object({ items: z.array(ZClinicDto) });
export const ZClinicEnvelope = z.object({ clinic: ZClinicDto });
