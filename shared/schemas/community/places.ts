import { z } from 'zod';
import { ZDateOut, ZGeoPoint, ZObjectId, ZPagination, zPage } from '../common';

export const PLACE_TYPES = [
  'clinic',
  'service_centre',
  'pharmacy',
  'bus_stop',
  'volunteer_station',
  'hospital',
  'market',
  'elderly_care',
  'police',
  'other',
] as const;
export type TPlaceType = (typeof PLACE_TYPES)[number];
export const PLACE_TYPE_LABELS: Record<TPlaceType, string> = {
  clinic: '法律诊所',
  service_centre: '便民服务中心',
  pharmacy: '药店',
  bus_stop: '公交站',
  volunteer_station: '志愿服务站',
  hospital: '医院诊所',
  market: '菜市场超市',
  elderly_care: '养老服务',
  police: '派出所',
  other: '其他',
};
/** Linli's own places come from other modules' events; admins manage the rest. */
export const PLACE_SOURCES = ['admin', 'clinic', 'volunteering'] as const;

export const NEARBY_RADII = [500, 1000, 2000, 3000] as const;
export const PLACE_LIMITS = { name: 60, address: 120, phone: 30, openingHours: 120, importRows: 2000 } as const;

/**
 * Opening hours as a line per rule, e.g. `周一至周五 08:30-17:30；周六 09:00-12:00`, `每天 00:00-24:00`
 * or `24小时`. Checked on the server (hours.ts); an unreadable rule is a field error.
 */
export const ZPlaceInput = z.strictObject({
  name: z.string({ error: '请填写名称' }).trim().min(2, '名称至少 2 个字').max(PLACE_LIMITS.name, '名称不能超过 60 个字'),
  type: z.enum(PLACE_TYPES, { error: '场所类型无效' }),
  address: z.string({ error: '请填写地址' }).trim().min(2, '地址至少 2 个字').max(PLACE_LIMITS.address, '地址不能超过 120 个字'),
  location: ZGeoPoint,
  phone: z
    .string()
    .trim()
    .max(PLACE_LIMITS.phone, '电话不能超过 30 个字符')
    .regex(/^[0-9+\-() 转]*$/, '电话只能包含数字、空格和 +-()')
    .optional(),
  openingHours: z.string().trim().max(PLACE_LIMITS.openingHours, '营业时间不能超过 120 个字').optional(),
});
export type TPlaceInput = z.infer<typeof ZPlaceInput>;

export const ZPlaceIdParams = z.strictObject({ id: ZObjectId });
export type TPlaceIdParams = z.infer<typeof ZPlaceIdParams>;

export const ZNearbyQuery = z.object({
  lng: z.coerce.number({ error: '缺少经度' }).min(-180, '经度超出范围').max(180, '经度超出范围'),
  lat: z.coerce.number({ error: '缺少纬度' }).min(-90, '纬度超出范围').max(90, '纬度超出范围'),
  radius: z.coerce.number().int('半径须为整数').min(100, '半径至少 100 米').max(5000, '半径最多 5000 米').default(1000),
  type: z.enum(PLACE_TYPES, { error: '场所类型无效' }).optional(),
  limit: z.coerce.number().int().min(1, '至少 1 条').max(100, '最多 100 条').default(50),
});
export type TNearbyQuery = z.infer<typeof ZNearbyQuery>;

export const ZAdminPlaceQuery = ZPagination.extend({
  type: z.enum(PLACE_TYPES, { error: '场所类型无效' }).optional(),
  q: z.string().trim().max(30, '关键词不能超过 30 个字').optional(),
});
export type TAdminPlaceQuery = z.infer<typeof ZAdminPlaceQuery>;

export const ZPlaceImportInput = z.strictObject({
  csv: z.string({ error: '请上传 CSV 文件' }).min(1, 'CSV 文件为空').max(200_000, 'CSV 文件不能超过 200 KB'),
});
export type TPlaceImportInput = z.infer<typeof ZPlaceImportInput>;
export const ZPlaceImportQuery = z.object({ partial: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });
export type TPlaceImportQuery = z.infer<typeof ZPlaceImportQuery>;

export const ZPlaceDto = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(PLACE_TYPES),
  typeLabel: z.string(),
  address: z.string(),
  location: z.object({ lng: z.number(), lat: z.number() }),
  phone: z.string().nullable(),
  openingHours: z.string().nullable(),
  source: z.enum(PLACE_SOURCES),
  updatedAt: ZDateOut,
});
export type TPlaceDto = z.infer<typeof ZPlaceDto>;

export const ZNearbyPlace = ZPlaceDto.extend({
  /** Straight-line distance, metres. */
  distanceM: z.number().int(),
  /** Estimated walking distance (street detour factor), metres, and minutes at 80 m/min. */
  walkingM: z.number().int(),
  walkingMinutes: z.number().int(),
  /** From the opening hours in Asia/Shanghai; null when there are none or they cannot be read. */
  openNow: z.boolean().nullable(),
});
export type TNearbyPlace = z.infer<typeof ZNearbyPlace>;

export const ZNearbyPlaces = z.object({ items: z.array(ZNearbyPlace), radius: z.number().int() });
export const ZPlacePage = zPage(ZPlaceDto);
export const ZPlaceChanged = z.object({ outcome: z.enum(['created', 'updated']), place: ZPlaceDto });

export const ZImportRowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export const ZPlaceImportResult = z.object({
  outcome: z.enum(['imported', 'partially_imported']),
  imported: z.number().int(),
  skipped: z.number().int(),
  errors: z.array(ZImportRowError),
});
export type TPlaceImportResult = z.infer<typeof ZPlaceImportResult>;
