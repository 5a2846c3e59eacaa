import { z } from 'zod';
import { ZDateOut, ZObjectId } from '../common';
import { ZNearbyPlace } from './places';
import { ZNoticeSummary } from './notices';

export const ZHomeQuery = z.object({
  communityId: ZObjectId.optional(),
  lng: z.coerce.number().min(-180, '经度超出范围').max(180, '经度超出范围').optional(),
  lat: z.coerce.number().min(-90, '纬度超出范围').max(90, '纬度超出范围').optional(),
});
export type THomeQuery = z.infer<typeof ZHomeQuery>;

/** The home page's first screen in one answer (issue 14; one round trip, issue 15). */
export const ZHomeScreen = z.object({
  community: z.object({ id: z.string(), name: z.string() }).nullable(),
  alerts: z.array(ZNoticeSummary),
  notices: z.array(ZNoticeSummary),
  places: z.array(ZNearbyPlace),
  activities: z.array(
    z.object({ id: z.string(), title: z.string(), startsAt: ZDateOut, address: z.string(), distanceM: z.number().int() }),
  ),
});
export type THomeScreen = z.infer<typeof ZHomeScreen>;
