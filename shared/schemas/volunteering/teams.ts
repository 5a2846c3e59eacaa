import { z } from 'zod';
import { ZMembershipAbilities, ZTeamAbilities } from '../abilities';
import { ZDateOut, ZGeoPoint, ZObjectId } from '../common';
import { VOLUNTEERING_LIMITS as L, ZApprovalDecisionInput, ZPageQuery, zLatQuery, zLngQuery, zText } from './common';

const ZPhone = z
  .string({ error: '请输入联系电话' })
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '联系电话格式不正确');

/** POST /api/teams — a resident applies to create a team (pending until a district admin certifies it). */
export const ZTeamApplyInput = z.strictObject({
  name: zText('团队名称', 2, 40),
  hostOrg: zText('挂靠单位', 2, 60),
  serviceArea: zText('服务区域', 1, 60),
  address: zText('地址', 2, 120),
  location: z.strictObject(ZGeoPoint.shape, { error: '请选择团队位置' }),
  contactName: zText('联系人', 1, 30),
  contactPhone: ZPhone,
  intro: zText('团队简介', 0, 1000).default(''),
});
export type TTeamApplyInput = z.infer<typeof ZTeamApplyInput>;

export const ZTeamReviewInput = z
  .strictObject({
    decision: z.enum(['certify', 'reject'], { error: '审核结果只能是 certify（认证）或 reject（驳回）' }),
    reason: zText('驳回理由', 0, L.reasonMax).optional(),
  })
  .refine((v) => v.decision !== 'reject' || (v.reason?.length ?? 0) >= 2, {
    message: '驳回时请填写理由（至少 2 个字）',
    path: ['reason'],
  });
export type TTeamReviewInput = z.infer<typeof ZTeamReviewInput>;

export const ZJoinRequestInput = z.strictObject({ message: zText('申请说明', 0, 200).optional() });
export type TJoinRequestInput = z.infer<typeof ZJoinRequestInput>;

export const ZJoinDecisionInput = ZApprovalDecisionInput;
export type TJoinDecisionInput = z.infer<typeof ZJoinDecisionInput>;

export const ZMemberRoleInput = z.strictObject({
  role: z.enum(['member', 'admin'], { error: '成员角色只能是 member 或 admin' }),
});
export type TMemberRoleInput = z.infer<typeof ZMemberRoleInput>;

export const ZTeamParams = z.strictObject({ id: ZObjectId });
export type TTeamParams = z.infer<typeof ZTeamParams>;
export const ZTeamMemberParams = z.strictObject({ id: ZObjectId, userId: ZObjectId });
export type TTeamMemberParams = z.infer<typeof ZTeamMemberParams>;

export const ZNearbyTeamsQuery = z.strictObject({
  lng: zLngQuery,
  lat: zLatQuery,
  radiusKm: z.coerce
    .number({ error: '范围格式不正确' })
    .positive('范围必须大于 0')
    .max(L.nearbyMaxKm, `范围最大 ${L.nearbyMaxKm} 公里`)
    .default(10),
  ...ZPageQuery,
});
export type TNearbyTeamsQuery = z.infer<typeof ZNearbyTeamsQuery>;

export const ZTeamApplicationsQuery = z.strictObject({
  status: z.enum(['pending', 'certified', 'rejected'], { error: '状态无效' }).default('pending'),
  ...ZPageQuery,
});
export type TTeamApplicationsQuery = z.infer<typeof ZTeamApplicationsQuery>;

export const ZMembershipQuery = z.strictObject({
  status: z.enum(['pending', 'active'], { error: '状态无效' }).default('active'),
  ...ZPageQuery,
});
export type TMembershipQuery = z.infer<typeof ZMembershipQuery>;

export const TEAM_STATUSES = ['pending', 'certified', 'rejected'] as const;
export type TTeamStatus = (typeof TEAM_STATUSES)[number];
export const MEMBER_ROLES = ['member', 'admin'] as const;
export type TMemberRole = (typeof MEMBER_ROLES)[number];
export const MEMBERSHIP_STATUSES = ['pending', 'active', 'rejected', 'left'] as const;
export type TMembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const ZTeamSummaryDto = z.object({
  id: z.string(),
  name: z.string(),
  hostOrg: z.string(),
  serviceArea: z.string(),
  status: z.enum(TEAM_STATUSES),
  location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  /** Metres from the query point (nearby list only). */
  distanceM: z.number().optional(),
  memberCount: z.number().int(),
});
export type TTeamSummaryDto = z.infer<typeof ZTeamSummaryDto>;

export const ZTeamDetailDto = ZTeamSummaryDto.extend({
  /** What the asker may do now (team page); absent in lists. */
  abilities: ZTeamAbilities.optional(),
  address: z.string(),
  intro: z.string(),
  contactName: z.string().nullable(),
  totalMinutes: z.number(),
  totalHours: z.number(),
  rejectReason: z.string().nullable(),
  /** Pending applications only: 'review' when the content check asks for a human read before certifying. */
  contentFlag: z.enum(['pass', 'review']).optional(),
  /** The caller's own membership, when signed in. */
  myMembership: z.object({ role: z.enum(MEMBER_ROLES), status: z.enum(MEMBERSHIP_STATUSES) }).nullable(),
  createdAt: ZDateOut,
});
export type TTeamDetailDto = z.infer<typeof ZTeamDetailDto>;

export const ZMembershipDto = z.object({
  /** What the asker may do with this membership now (members page). */
  abilities: ZMembershipAbilities.optional(),
  id: z.string(),
  teamId: z.string(),
  userId: z.string(),
  displayName: z.string(),
  role: z.enum(MEMBER_ROLES),
  status: z.enum(MEMBERSHIP_STATUSES),
  message: z.string(),
  /** The message was held by the content check and is not shown. */
  messageHeld: z.boolean(),
  createdAt: ZDateOut,
  decidedAt: ZDateOut.nullable(),
});
export type TMembershipDto = z.infer<typeof ZMembershipDto>;

export const ZTeamEnvelope = z.object({ team: ZTeamDetailDto });
export const ZMembershipEnvelope = z.object({ membership: ZMembershipDto });
export const ZMembershipsList = z.object({ items: z.array(ZMembershipDto), total: z.number().int() });
export const ZTeamApplicationsList = z.object({ items: z.array(ZTeamDetailDto), total: z.number().int() });
export const ZNearbyTeamsPage = z.object({
  items: z.array(ZTeamSummaryDto),
  hasMore: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
