import { z } from 'zod';

/**
 * What the asking user may do with a resource now, as the server's policies
 * say (server/modules/<m>/policy.ts). Pages show a button only when its ability
 * is true; the server still checks every request.
 */
export const ZActivityAbilities = z.object({
  view: z.boolean(),
  manage: z.boolean(),
  update: z.boolean(),
  cancel: z.boolean(),
  manageSignups: z.boolean(),
  showCheckinCode: z.boolean(),
  confirmHours: z.boolean(),
  manageGallery: z.boolean(),
});
export type TActivityAbilities = z.infer<typeof ZActivityAbilities>;

export const ZTeamAbilities = z.object({
  manage: z.boolean(),
  manageMembers: z.boolean(),
  publishActivity: z.boolean(),
  confirmHours: z.boolean(),
  viewStats: z.boolean(),
  join: z.boolean(),
  certify: z.boolean(),
});
export type TTeamAbilities = z.infer<typeof ZTeamAbilities>;

export const ZHelpRequestAbilities = z.object({
  viewDetail: z.boolean(),
  review: z.boolean(),
  take: z.boolean(),
  convert: z.boolean(),
  close: z.boolean(),
});
export type THelpRequestAbilities = z.infer<typeof ZHelpRequestAbilities>;

export const ZPhotoAbilities = z.object({ view: z.boolean(), show: z.boolean(), hide: z.boolean(), delete: z.boolean() });
export type TPhotoAbilities = z.infer<typeof ZPhotoAbilities>;

export const ZSignupAbilities = z.object({
  view: z.boolean(),
  cancel: z.boolean(),
  respondToOffer: z.boolean(),
  decide: z.boolean(),
});
export type TSignupAbilities = z.infer<typeof ZSignupAbilities>;

export const ZMembershipAbilities = z.object({ decide: z.boolean(), setRole: z.boolean() });
export type TMembershipAbilities = z.infer<typeof ZMembershipAbilities>;
