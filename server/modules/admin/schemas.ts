import { z } from 'zod';
import { ROLES } from '@shared/enums';
import { ZObjectId, ZPagination } from '@shared/schemas/common';

export const ZUserIdParams = z.object({ id: ZObjectId });
export type TUserIdParams = z.infer<typeof ZUserIdParams>;

export const ZRoleIndexParams = z.object({
  id: ZObjectId,
  index: z.coerce.number({ error: '角色序号应为数字' }).int('角色序号应为整数').min(0, '角色序号不能为负数').max(100, '角色序号过大'),
});
export type TRoleIndexParams = z.infer<typeof ZRoleIndexParams>;

export const ZAdminUserQuery = ZPagination.extend({
  q: z.string().trim().max(50, '搜索词最多 50 个字').optional(),
  role: z.enum(ROLES, { error: '角色无效' }).optional(),
  kind: z.enum(['resident', 'staff'], { error: '账号类型无效' }).optional(),
});
export type TAdminUserQuery = z.infer<typeof ZAdminUserQuery>;
