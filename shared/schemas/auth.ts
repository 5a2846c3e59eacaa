import { z } from 'zod';
import { LIMITS } from '../limits';
import { ROLES } from '../enums';
import { idCardProblem, ID_CARD_MESSAGES } from '../idcard';

export const ZWechatLoginInput = z.object({
  code: z.string({ error: '缺少微信登录凭证' }).min(1, '缺少微信登录凭证').max(256, '登录凭证过长'),
});
export type TWechatLoginInput = z.infer<typeof ZWechatLoginInput>;

export const ZStaffLoginInput = z.object({
  username: z
    .string({ error: '请输入用户名' })
    .trim()
    .min(1, '请输入用户名')
    .max(LIMITS.usernameMax, `用户名最多 ${LIMITS.usernameMax} 个字符`),
  password: z
    .string({ error: '请输入密码' })
    .min(1, '请输入密码')
    .max(LIMITS.passwordMax, `密码最多 ${LIMITS.passwordMax} 个字符`),
});
export type TStaffLoginInput = z.infer<typeof ZStaffLoginInput>;

export const ZPhoneBindInput = z.object({
  code: z.string({ error: '缺少手机号授权凭证' }).min(1, '缺少手机号授权凭证').max(256, '凭证过长'),
});
export type TPhoneBindInput = z.infer<typeof ZPhoneBindInput>;

export const ZConsentInput = z.object({
  version: z.string({ error: '缺少隐私政策版本' }).min(1, '缺少隐私政策版本').max(32, '版本号过长'),
});
export type TConsentInput = z.infer<typeof ZConsentInput>;

export const ZRealNameInput = z.object({
  name: z
    .string({ error: '请输入真实姓名' })
    .trim()
    .min(2, '姓名至少 2 个字')
    .max(LIMITS.nameMax, `姓名最多 ${LIMITS.nameMax} 个字`)
    .regex(/^[\u4e00-\u9fa5·]+$/, '姓名只能包含汉字和“·”'),
  idNumber: z
    .string({ error: '请输入身份证号' })
    .trim()
    .toUpperCase()
    .superRefine((v, ctx) => {
      const p = idCardProblem(v);
      if (p) ctx.addIssue({ code: 'custom', message: ID_CARD_MESSAGES[p] });
    }),
});
export type TRealNameInput = z.infer<typeof ZRealNameInput>;

export const ZRoleGrant = z.object({
  role: z.enum(ROLES, { error: '角色无效' }),
  /** Scope id: team, clinic, department or grid depending on the role. */
  scopeId: z.string().max(64).optional(),
  scopeType: z.enum(['team', 'clinic', 'department', 'grid', 'community']).optional(),
  supervisorId: z.string().max(64).optional(),
});
export type TRoleGrant = z.infer<typeof ZRoleGrant>;

export const ZCreateStaffInput = z.object({
  username: z
    .string({ error: '请输入用户名' })
    .trim()
    .min(LIMITS.usernameMin, `用户名至少 ${LIMITS.usernameMin} 个字符`)
    .max(LIMITS.usernameMax, `用户名最多 ${LIMITS.usernameMax} 个字符`)
    .regex(/^[a-zA-Z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和横线'),
  password: z
    .string({ error: '请输入密码' })
    .min(LIMITS.passwordMin, `密码至少 ${LIMITS.passwordMin} 位`)
    .max(LIMITS.passwordMax, `密码最多 ${LIMITS.passwordMax} 位`),
  displayName: z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(LIMITS.nameMax, '姓名过长'),
  roles: z.array(ZRoleGrant).max(20, '角色过多').default([]),
});
export type TCreateStaffInput = z.infer<typeof ZCreateStaffInput>;

/** What `GET /api/me` and the login responses return as `user`. */
export const ZUserDto = z.object({
  id: z.string(),
  kind: z.enum(['resident', 'staff']),
  displayName: z.string(),
  username: z.string().optional(),
  phoneMasked: z.string().optional().describe('如 138****5678'),
  realName: z
    .object({ nameMasked: z.string(), idNumberMasked: z.string().describe('如 1101**********1234'), verifiedAt: z.string() })
    .nullable()
    .optional(),
  roles: z.array(
    z.object({
      role: z.string(),
      scopeType: z.string().optional(),
      scopeId: z.string().optional(),
      supervisorId: z.string().optional(),
    }),
  ),
  consent: z.object({ version: z.string().nullable(), current: z.string(), required: z.boolean() }),
  preferences: z.object({ elderMode: z.boolean() }),
  /** `disabled` accounts cannot sign in (their logins answer like a wrong password); admins see it. */
  status: z.enum(['active', 'disabled', 'deleted']),
  createdAt: z.string(),
});
export type TUserDto = z.infer<typeof ZUserDto>;
export const ZUserEnvelope = z.object({ user: ZUserDto });
export type TUserEnvelope = z.infer<typeof ZUserEnvelope>;

/** GET /api/admin/users: one page of accounts. */
export const ZUserPage = z.object({
  items: z.array(ZUserDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZLoginResult = z.object({ token: z.string(), expiresAt: z.string(), user: ZUserDto });
export type TLoginResult = z.infer<typeof ZLoginResult>;

/** What a district admin sees of a resident (every view audited); the ID number only masked. */
export const ZPersonalDataDto = z.object({
  realName: z.string().nullable(),
  phone: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
});
export type TPersonalDataDto = z.infer<typeof ZPersonalDataDto>;
