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

export interface TPointDto {
  lng: number;
  lat: number;
}
export interface TCommunityDto {
  id: string;
  name: string;
  districtId: string;
  address?: string;
  location?: TPointDto;
}
export interface TGridDto {
  id: string;
  name: string;
  communityId: string;
  hasPolygon: boolean;
}
export interface TDepartmentDto {
  id: string;
  name: string;
  kind: string;
}
export interface TTeamDto {
  id: string;
  name: string;
  hostOrg: string;
  serviceArea: string;
  location?: TPointDto;
  contactName?: string;
  status: 'pending' | 'certified' | 'rejected';
}
export interface TClinicDto {
  id: string;
  name: string;
  address: string;
  location?: TPointDto;
  communityId?: string;
}
