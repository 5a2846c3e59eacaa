import { z } from 'zod';
import { ZDateOut } from '../common';

/** Open311 API keys (district admins issue and revoke them; the key is shown once). */
export const ZApiKeyInput = z.strictObject({
  name: z.string({ error: '请填写使用方名称' }).trim().min(2, '名称至少 2 个字').max(40, '名称不能超过 40 个字'),
});
export type TApiKeyInput = z.infer<typeof ZApiKeyInput>;
export const ZApiKeyDto = z.object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: ZDateOut, revokedAt: ZDateOut.nullable() });
export type TApiKeyDto = z.infer<typeof ZApiKeyDto>;
export const ZApiKeyList = z.object({ items: z.array(ZApiKeyDto) });
export const ZApiKeyIssued = z.object({ key: z.string(), apiKey: ZApiKeyDto });
