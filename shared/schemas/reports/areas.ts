import { z } from 'zod';
import { ZObjectId } from '../common';

/**
 * Areas residents may see: the grids (for picking a place without a map) and the heat map of the
 * public map. Never polygons of workers or any person.
 */
const zLng = z.coerce.number({ error: '经度无效' }).min(73, '位置不在中国境内').max(136, '位置不在中国境内');
const zLat = z.coerce.number({ error: '纬度无效' }).min(3, '位置不在中国境内').max(54, '位置不在中国境内');

/** `?lng&lat` (GCJ-02), both or neither: the grids nearest first and the grid holding the point. */
export const ZPublicGridQuery = z
  .strictObject({ lng: zLng.optional(), lat: zLat.optional() })
  .refine((q) => (q.lng === undefined) === (q.lat === undefined), { message: '经度和纬度须同时提供', path: ['lat'] });
export type TPublicGridQuery = z.infer<typeof ZPublicGridQuery>;

export const ZPublicGridDto = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  /** A point inside the grid (its centroid when that is inside, else a point on the middle line). */
  centre: z.object({ lng: z.number(), lat: z.number() }),
  /** The community whose centre lies inside the grid, if any. */
  community: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** With `lng/lat`: metres from the point to `centre` (0 for the grid holding the point). */
  distanceM: z.number().int().optional(),
});
export type TPublicGridDto = z.infer<typeof ZPublicGridDto>;
export const ZPublicGridList = z.object({
  items: z.array(ZPublicGridDto),
  /** With `lng/lat`: the grid holding the point (the one a report there is routed by), else null. */
  at: ZPublicGridDto.nullable(),
});

const BBOX = /^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/;
/** Heat map of the public map: counts per grid (`by=grid`) or per geohash cell (`by=cell`) in a box. */
export const ZHeatQuery = z.strictObject({
  bbox: z.string({ error: '请提供范围' }).regex(BBOX, '范围格式应为 minLng,minLat,maxLng,maxLat'),
  by: z.enum(['grid', 'cell'], { error: '分组方式只能是 grid 或 cell' }).default('cell'),
  /** Geohash length for `by=cell` (5 ≈ 4.9 km, 6 ≈ 1.2 km, 7 ≈ 150 m). */
  precision: z.coerce.number().int('精度须为整数').min(4, '精度为 4-8').max(8, '精度为 4-8').default(6),
  categoryCode: z.string().trim().max(40).optional(),
  status: z.enum(['open', 'closed'], { error: '状态无效' }).optional(),
});
export type THeatQuery = z.infer<typeof ZHeatQuery>;
export const ZHeatResult = z.object({
  by: z.enum(['grid', 'cell']),
  cells: z.array(
    z.object({
      /** Grid id or geohash. */
      key: z.string(),
      /** Grid name (by=grid) or the geohash (by=cell). */
      label: z.string(),
      /** The cell's centre, or the mean position of the grid's reports. */
      lng: z.number(),
      lat: z.number(),
      count: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
  /** Reports counted (up to REPORT_LIMITS.heatCap). */
  total: z.number().int(),
  /** More reports are in the box than were counted: zoom in. */
  capped: z.boolean(),
});

/** Who a dispatcher may name as handler in a department: its members holding the handler role. */
export const ZHandlerCandidatesQuery = z.strictObject({ departmentId: ZObjectId });
export const ZHandlerCandidates = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), openTasks: z.number().int() })),
});

/** Open reports a dispatcher may mark this one a duplicate of: same category, nearby. */
export const ZDuplicateCandidates = z.object({
  radiusM: z.number(),
  items: z.array(
    z.object({ id: z.string(), categoryLabel: z.string(), description: z.string(), address: z.string(), status: z.string(), distanceM: z.number().int(), createdAt: z.iso.datetime() }),
  ),
});
