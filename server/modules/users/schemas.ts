import { z } from 'zod';

/** PATCH /api/me/preferences */
export const ZPreferencesInput = z.object({
  elderMode: z.boolean({ error: '长辈模式开关应为 true 或 false' }),
});
export type TPreferencesInput = z.infer<typeof ZPreferencesInput>;
