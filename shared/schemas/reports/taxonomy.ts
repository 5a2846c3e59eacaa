import { z } from 'zod';
import { ZObjectId } from '../common';

/**
 * Taxonomy, departments and grids (district admins). Categories follow GB/T 30428's split into
 * 事件 (events) and 部件 (components); each has a default department, SLA targets and the extra
 * attributes a report of it must carry.
 */
export const CATEGORY_KINDS = ['event', 'component'] as const;
export const SLA_CLOCKS = ['around_the_clock', 'working_day'] as const;
export type TSlaClock = (typeof SLA_CLOCKS)[number];

const ZCode = z
  .string({ error: '请填写编码' })
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, '编码为 2-40 位小写字母、数字或下划线，以字母开头');
const zMinutes = (label: string) =>
  z
    .number({ error: `请填写${label}时限（分钟）` })
    .int(`${label}时限须为整数分钟`)
    .min(1, `${label}时限至少 1 分钟`)
    .max(60 * 24 * 90, `${label}时限不能超过 90 天`);

export const ZCategoryAttribute = z.strictObject({
  code: ZCode,
  label: z.string({ error: '请填写属性名称' }).trim().min(1, '请填写属性名称').max(20, '属性名称不能超过 20 个字'),
  required: z.boolean().default(true),
  options: z.array(z.string().trim().min(1).max(20)).max(20, '选项不能超过 20 个').optional(),
});
export type TCategoryAttribute = z.infer<typeof ZCategoryAttribute>;

export const ZSlaTargets = z.strictObject({
  acceptMinutes: zMinutes('受理'),
  arriveMinutes: zMinutes('到场'),
  resolveMinutes: zMinutes('处置'),
});

export const ZCategoryInput = z.strictObject({
  code: ZCode,
  label: z.string({ error: '请填写类别名称' }).trim().min(2, '类别名称至少 2 个字').max(20, '类别名称不能超过 20 个字'),
  kind: z.enum(CATEGORY_KINDS, { error: '请选择事件或部件' }),
  group: z.string({ error: '请填写大类' }).trim().min(2, '大类至少 2 个字').max(20, '大类不能超过 20 个字'),
  defaultDepartmentId: ZObjectId.nullable().default(null),
  sla: ZSlaTargets,
  clock: z.enum(SLA_CLOCKS, { error: '请选择全天计时或工作日计时' }),
  attributes: z.array(ZCategoryAttribute).max(10, '附加属性不能超过 10 个').default([]),
  active: z.boolean().default(true),
});
export type TCategoryInput = z.infer<typeof ZCategoryInput>;

export const ZCategoryDto = z.object({
  id: z.string(),
  code: z.string(),
  label: z.string(),
  kind: z.enum(CATEGORY_KINDS),
  group: z.string(),
  defaultDepartmentId: z.string().nullable(),
  sla: z.object({ acceptMinutes: z.number(), arriveMinutes: z.number(), resolveMinutes: z.number() }),
  clock: z.enum(SLA_CLOCKS),
  attributes: z.array(
    z.object({ code: z.string(), label: z.string(), required: z.boolean(), options: z.array(z.string()).optional() }),
  ),
  active: z.boolean(),
});
export type TCategoryDto = z.infer<typeof ZCategoryDto>;
export const ZCategoryList = z.object({ items: z.array(ZCategoryDto) });

export const ZDepartmentInput = z.strictObject({
  name: z.string({ error: '请填写部门名称' }).trim().min(2, '部门名称至少 2 个字').max(30, '部门名称不能超过 30 个字'),
  handlerIds: z.array(ZObjectId).max(200, '处置人员不能超过 200 人').default([]),
});
export type TDepartmentInput = z.infer<typeof ZDepartmentInput>;
export const ZDepartmentDto = z.object({
  id: z.string(),
  name: z.string(),
  handlers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type TDepartmentDto = z.infer<typeof ZDepartmentDto>;
export const ZDepartmentList = z.object({ items: z.array(ZDepartmentDto) });

/** A GeoJSON Polygon in GCJ-02: rings of [lng, lat], each closed (first point = last point). */
export const ZPolygon = z.strictObject({
  type: z.literal('Polygon', { error: '仅支持 Polygon 类型' }),
  coordinates: z
    .array(
      z
        .array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], { error: '坐标应为 [经度, 纬度]' }))
        .min(4, '多边形每个环至少 4 个点（首尾相同）'),
      { error: '坐标格式不正确' },
    )
    .min(1, '多边形至少需要一个环')
    .max(20, '多边形的环不能超过 20 个'),
});
export type TPolygon = z.infer<typeof ZPolygon>;

export const ZGridInput = z.strictObject({
  code: ZCode,
  name: z.string({ error: '请填写网格名称' }).trim().min(2, '网格名称至少 2 个字').max(30, '网格名称不能超过 30 个字'),
  polygon: ZPolygon,
  workerIds: z.array(ZObjectId).max(50, '网格员不能超过 50 人').default([]),
  /** Category code → department responsible in this grid (overrides the category's default). */
  departmentByCategory: z.record(z.string(), ZObjectId).default({}),
});
export type TGridInput = z.infer<typeof ZGridInput>;
export const ZGridDto = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  polygon: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
  workers: z.array(z.object({ id: z.string(), name: z.string() })),
  departmentByCategory: z.record(z.string(), z.string()),
});
export type TGridDto = z.infer<typeof ZGridDto>;
export const ZGridList = z.object({ items: z.array(ZGridDto) });

/** GeoJSON FeatureCollection import: one grid per feature, properties code, name, workers (usernames). */
export const ZGridImport = z.strictObject({
  type: z.literal('FeatureCollection', { error: '请上传 GeoJSON FeatureCollection' }),
  features: z.array(z.unknown()).min(1, '没有可导入的网格').max(500, '一次最多导入 500 个网格'),
});
export const ZGridImportResult = z.object({
  imported: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), code: z.string().nullable(), message: z.string() })),
});

export const ZHolidayCalendar = z.strictObject({
  /** Days off that fall on weekdays (法定节假日), Asia/Shanghai dates. */
  holidays: z.array(z.iso.date({ error: '日期格式应为 YYYY-MM-DD' })).max(400),
  /** Weekend days that are working days (调休上班). */
  workdays: z.array(z.iso.date({ error: '日期格式应为 YYYY-MM-DD' })).max(100),
});
export type THolidayCalendar = z.infer<typeof ZHolidayCalendar>;

export const ZIdParams = z.strictObject({ id: ZObjectId });
export type TIdParams = z.infer<typeof ZIdParams>;

/** The category whose reports are also referred to the clinics' mediation queue (矛盾纠纷). */
export const DISPUTE_CATEGORY = 'dispute';
