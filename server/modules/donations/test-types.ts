import type { z } from 'zod';
import type { ZLedgerEntryDto } from '@shared/schemas/donations';
export type TLedgerEntryDto = z.infer<typeof ZLedgerEntryDto>;
