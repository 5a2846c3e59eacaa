import { z } from 'zod';
import { ZGeoPoint, ZObjectId } from '../common';
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

export type TTeamStatus = 'pending' | 'certified' | 'rejected';
export type TMemberRole = 'member' | 'admin';
export type TMembershipStatus = 'pending' | 'active' | 'rejected' | 'left';

export interface TTeamSummaryDto {
  id: string;
  name: string;
  hostOrg: string;
  serviceArea: string;
  status: TTeamStatus;
  location: { lng: number; lat: number } | null;
  /** Metres from the query point (nearby list only). */
  distanceM?: number;
  memberCount: number;
}

export interface TTeamDetailDto extends TTeamSummaryDto {
  address: string;
  intro: string;
  contactName: string | null;
  totalMinutes: number;
  totalHours: number;
  rejectReason: string | null;
  /** Pending applications only: 'review' when the content check asks for a human read before certifying. */
  contentFlag?: 'pass' | 'review';
  /** The caller's own membership, when signed in. */
  myMembership: { role: TMemberRole; status: TMembershipStatus } | null;
  createdAt: string;
}

export interface TMembershipDto {
  id: string;
  teamId: string;
  userId: string;
  displayName: string;
  role: TMemberRole;
  status: TMembershipStatus;
  message: string;
  /** The message was held by the content check and is not shown. */
  messageHeld: boolean;
  createdAt: string;
  decidedAt: string | null;
}
