import { z } from 'zod';

/** TUserDto as a zod schema, for the OpenAPI document (presentUser is the source of truth). */
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
  status: z.enum(['active', 'disabled', 'deleted']),
  createdAt: z.string(),
});

export const ZUserEnvelope = z.object({ user: ZUserDto });
