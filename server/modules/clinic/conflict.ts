import type { Types } from 'mongoose';
import { Booking } from './model';

/** Names compared the way a coordinator would: width-folded, no spaces, case-insensitive. */
export const nameKey = (name: string): string => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const phoneKey = (p?: string): string => (p ?? '').replace(/\D/g, '');
const orgKey = (o?: string): string => (o ? nameKey(o) : '');

export interface OpposingParty {
  name: string;
  phone?: string;
  org?: string;
}
export type Conflict = 'none' | 'name_only' | 'hard';

/**
 * Conflict of interest (DECISIONS): a provider who advised the opposing party at this clinic
 * before. Their normalised name plus phone or organisation matching a past client hides the
 * provider; the name alone flags the booking for the provider to confirm or decline.
 */
export async function conflictsFor(
  providerUsers: Types.ObjectId[],
  opposing: OpposingParty | undefined,
): Promise<Map<string, Conflict>> {
  const out = new Map<string, Conflict>();
  if (!opposing || !opposing.name.trim() || providerUsers.length === 0) return out;
  const past = await Booking.find(
    {
      providerUser: { $in: providerUsers },
      'client.nameKey': nameKey(opposing.name),
      status: { $in: ['pending', 'confirmed', 'completed', 'no_show'] },
    },
    { providerUser: 1, client: 1 },
  ).lean();
  for (const b of past) {
    const key = String(b.providerUser);
    const hard =
      (phoneKey(opposing.phone) !== '' && phoneKey(opposing.phone) === phoneKey(b.client.phone)) ||
      (orgKey(opposing.org) !== '' && orgKey(opposing.org) === orgKey(b.client.org));
    if (hard) out.set(key, 'hard');
    else if (out.get(key) !== 'hard') out.set(key, 'name_only');
  }
  return out;
}
