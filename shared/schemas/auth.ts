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

/** Length of a real name in characters (a rare character outside the BMP counts once). */
export const REAL_NAME_MIN = 2;
export const REAL_NAME_MAX = 30;
/** Look-alikes of the middle dot typed on phones (•, ・, ･, ‧, ∙, ．) become the standard `·` (U+00B7). */
const DOT_LOOKALIKES = /[\u2022\u30fb\uff65\u2027\u2219\uff0e\u00b7]/g;
// Han characters: the URO, extension A, compatibility ideographs and (as surrogate pairs) extensions B–F.
const HAN = '(?:[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff])';
const REAL_NAME_RE = new RegExp(`^${HAN}+(?:·${HAN}+)*$`);

/**
 * A name as on the resident ID card: 2–30 Chinese characters, parts of a minority or
 * transliterated name joined by single `·` (阿依古丽·买买提), never at the ends.
 */
export const ZRealName = z
  .string({ error: '请输入真实姓名' })
  .trim()
  .transform((v) => v.replace(/\s+/g, '').replace(DOT_LOOKALIKES, '·'))
  .superRefine((v, ctx) => {
    const n = Array.from(v).length;
    if (n < REAL_NAME_MIN) ctx.addIssue({ code: 'custom', message: `姓名至少 ${REAL_NAME_MIN} 个字` });
    else if (n > REAL_NAME_MAX) ctx.addIssue({ code: 'custom', message: `姓名最多 ${REAL_NAME_MAX} 个字` });
    else if (!REAL_NAME_RE.test(v))
      ctx.addIssue({ code: 'custom', message: '姓名只能是汉字，少数民族姓名各部分之间用“·”隔开' });
  });

export const ZIdNumber = z
  .string({ error: '请输入身份证号' })
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const p = idCardProblem(v);
    if (p) ctx.addIssue({ code: 'custom', message: ID_CARD_MESSAGES[p] });
  });

export const ZRealNameInput = z.object({ name: ZRealName, idNumber: ZIdNumber });
export type TRealNameInput = z.infer<typeof ZRealNameInput>;

export const ZRoleGrant = z.object({
  role: z.enum(ROLES, { error: '角色无效' }),
  /** Scope id: team, clinic, department or grid depending on the role. */
  scopeId: z.string().max(64).optional(),
  scopeType: z.enum(['team', 'clinic', 'department', 'grid', 'community', 'charity']).optional(),
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

/** A district admin corrects a volunteer's verified identity: the new name and ID, and why (audited). */
export const ZRealNameCorrectionInput = ZRealNameInput.extend({
  reason: z
    .string({ error: '请填写更正原因' })
    .trim()
    .min(2, '请填写更正原因（至少 2 个字）')
    .max(200, '更正原因最多 200 个字'),
});
export type TRealNameCorrectionInput = z.infer<typeof ZRealNameCorrectionInput>;

/**
 * The district admin's exact-match search: by the full phone number or the full verified name.
 * Both are matched through a keyed hash, never a pattern, so partial input finds no one.
 */
export const ZUserSearchQuery = z
  .object({
    by: z.enum(['phone', 'name'], { error: '请选择按手机号或按姓名搜索' }),
    q: z.string({ error: '请输入搜索内容' }).trim().min(1, '请输入搜索内容').max(40, '搜索内容过长'),
  })
  .superRefine((v, ctx) => {
    if (v.by === 'phone' && !/^(?:\+?86)?1\d{10}$/.test(v.q.replace(/[\s-]/g, ''))) {
      ctx.addIssue({ code: 'custom', path: ['q'], message: '请输入完整的 11 位手机号' });
    }
    if (v.by === 'name') {
      const r = ZRealName.safeParse(v.q);
      if (!r.success) ctx.addIssue({ code: 'custom', path: ['q'], message: '请输入完整的真实姓名（2–30 个汉字）' });
    }
  });
export type TUserSearchQuery = z.infer<typeof ZUserSearchQuery>;

const ZChangePasswordFields = z.object({
  currentPassword: z
    .string({ error: '请输入当前密码' })
    .min(1, '请输入当前密码')
    .max(LIMITS.passwordMax, `密码最多 ${LIMITS.passwordMax} 位`),
  newPassword: z
    .string({ error: '请输入新密码' })
    .min(LIMITS.passwordMin, `新密码至少 ${LIMITS.passwordMin} 位`)
    .max(LIMITS.passwordMax, `新密码最多 ${LIMITS.passwordMax} 位`)
    .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), '新密码须同时包含字母和数字'),
});
const newDiffersFromCurrent = (v: { currentPassword: string; newPassword: string }, ctx: z.RefinementCtx) => {
  if (v.currentPassword && v.newPassword === v.currentPassword) {
    ctx.addIssue({ code: 'custom', path: ['newPassword'], message: '新密码不能与当前密码相同' });
  }
};

/** Staff change their own password: the current one, and a new one under the same rules as creation. */
export const ZChangePasswordInput = ZChangePasswordFields.superRefine(newDiffersFromCurrent);
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;

/** The change-password form: the new password typed twice (checked on the client only). */
export const ZChangePasswordForm = ZChangePasswordFields.extend({
  confirmPassword: z.string({ error: '请再次输入新密码' }).min(1, '请再次输入新密码'),
}).superRefine((v, ctx) => {
  newDiffersFromCurrent(v, ctx);
  if (v.confirmPassword && v.confirmPassword !== v.newPassword) {
    ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: '两次输入的新密码不一致' });
  }
});

/** The answer to a password change: how many other sessions were ended. */
export const ZChangePasswordResult = z.object({ revokedSessions: z.number().int() });
