import { z } from 'zod';
import { ZObjectId, ZPagination } from './common';

export const ZCommunityQuery = z.object({ district: ZObjectId.optional() });
export type TCommunityQuery = z.infer<typeof ZCommunityQuery>;

export const ZGridQuery = z.object({ community: ZObjectId.optional() });
export type TGridQuery = z.infer<typeof ZGridQuery>;

export const ZTeamQuery = ZPagination.extend({
  status: z.enum(['pending', 'certified', 'rejected'], { error: '团队状态无效' }).default('certified'),
});
export type TTeamQuery = z.infer<typeof ZTeamQuery>;

export const ZPointDto = z.object({ lng: z.number(), lat: z.number() });
export type TPointDto = z.infer<typeof ZPointDto>;
export const ZCommunityDto = z.object({
  id: z.string(),
  name: z.string(),
  districtId: z.string(),
  address: z.string().optional(),
  location: ZPointDto.optional(),
});
export type TCommunityDto = z.infer<typeof ZCommunityDto>;
export const ZGridDto = z.object({ id: z.string(), name: z.string(), communityId: z.string(), hasPolygon: z.boolean() });
export type TGridDto = z.infer<typeof ZGridDto>;
export const ZDepartmentDto = z.object({ id: z.string(), name: z.string(), kind: z.string() });
export type TDepartmentDto = z.infer<typeof ZDepartmentDto>;
export const ZTeamDto = z.object({
  id: z.string(),
  name: z.string(),
  hostOrg: z.string(),
  serviceArea: z.string(),
  location: ZPointDto.optional(),
  contactName: z.string().optional(),
  status: z.enum(['pending', 'certified', 'rejected']),
});
export type TTeamDto = z.infer<typeof ZTeamDto>;
export const ZClinicDto = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  location: ZPointDto.optional(),
  communityId: z.string().optional(),
});
export type TClinicDto = z.infer<typeof ZClinicDto>;

export const ZCommunityList = z.object({ items: z.array(ZCommunityDto) });
export const ZGridList = z.object({ items: z.array(ZGridDto) });
export const ZDepartmentList = z.object({ items: z.array(ZDepartmentDto) });
export const ZClinicList = z.object({ items: z.array(ZClinicDto) });
export const ZTeamList = z.object({ items: z.array(ZTeamDto), total: z.number().int() });
