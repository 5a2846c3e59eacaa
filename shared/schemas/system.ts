import { z } from 'zod';

/** Answers of the system routes (health, client configuration, privacy policy). */

export const ZHealth = z.object({ status: z.literal('ok'), db: z.enum(['embedded', 'mongodb']) });
export type THealth = z.infer<typeof ZHealth>;

export const ZClientConfig = z.object({
  privacyPolicyVersion: z.string(),
  subscribeTemplates: z.record(z.string(), z.string()),
  devLogin: z.boolean(),
});
export type TClientConfig = z.infer<typeof ZClientConfig>;

export const ZPrivacyPolicy = z.object({ version: z.string(), title: z.string(), body: z.string() });
export type TPrivacyPolicy = z.infer<typeof ZPrivacyPolicy>;
