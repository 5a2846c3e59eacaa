import { z } from 'zod';

const zPart = (label: string) =>
  z
    .string({ error: `缺少 ${label}` })
    .trim()
    .min(1, `缺少 ${label}`)
    .max(128, `${label} 过长`);

/** Query WeChat appends to every message push: `signature = sha1(sort(token, timestamp, nonce))`. */
export const ZPushQuery = z.object({
  signature: zPart('signature'),
  timestamp: zPart('timestamp').regex(/^\d{1,12}$/, 'timestamp 必须是秒级时间戳'),
  nonce: zPart('nonce'),
});
export type TPushQuery = z.infer<typeof ZPushQuery>;

/** The console's URL check adds `echostr`, which must be echoed back verbatim. */
export const ZHandshakeQuery = ZPushQuery.extend({ echostr: zPart('echostr') });
export type THandshakeQuery = z.infer<typeof ZHandshakeQuery>;
