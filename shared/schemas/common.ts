import { z } from 'zod';

/** 24-hex ObjectId as a string. */
export const ZObjectId = z.string().regex(/^[0-9a-f]{24}$/i, '编号格式不正确');

export const ZPagination = z.object({
  page: z.coerce.number().int().min(1, '页码至少为 1').default(1),
  pageSize: z.coerce.number().int().min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20),
});
export type TPagination = z.infer<typeof ZPagination>;

export const ZGeoPoint = z.object({
  lng: z.number().min(-180, '经度超出范围').max(180, '经度超出范围'),
  lat: z.number().min(-90, '纬度超出范围').max(90, '纬度超出范围'),
});
export type TGeoPoint = z.infer<typeof ZGeoPoint>;
