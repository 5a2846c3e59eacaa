import { z } from 'zod';
import { ZGeoPoint, ZObjectId } from '../common';

/** A resident's community: chosen from the list, or inferred from a GCJ-02 point (nearest community). */
export const ZChooseCommunity = z.union(
  [z.strictObject({ communityId: ZObjectId }), z.strictObject({ location: ZGeoPoint })],
  { error: '请选择社区或提供位置' },
);
export type TChooseCommunity = z.infer<typeof ZChooseCommunity>;

export const ZAlertSubscriptionInput = z.strictObject({ alerts: z.boolean({ error: '请选择是否订阅紧急提醒' }) });
export type TAlertSubscriptionInput = z.infer<typeof ZAlertSubscriptionInput>;

export const ZMyCommunity = z.object({
  community: z
    .object({ id: z.string(), name: z.string(), location: z.object({ lng: z.number(), lat: z.number() }).nullable() })
    .nullable(),
  inferred: z.boolean(),
  alerts: z.boolean(),
});
export type TMyCommunity = z.infer<typeof ZMyCommunity>;
