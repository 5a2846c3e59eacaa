import { Types } from 'mongoose';
import type { TChooseCommunity } from '@shared/schemas/community/residents';
import type { Refusal } from '../../../platform/outcome';
import { ResidentCommunity, type ResidentCommunityDoc } from './model';
import { findCommunity, nearestCommunity } from './queries';

type ChooseResult = { outcome: 'chosen'; resident: ResidentCommunityDoc } | Refusal<'community_not_found' | 'no_community_near'>;

/** Chooses the resident's community, or infers the nearest one from a point; one upsert per user. */
export async function chooseCommunity(userId: string, input: TChooseCommunity): Promise<ChooseResult> {
  const inferred = 'location' in input;
  const community = inferred ? await nearestCommunity(input.location) : await findCommunity(input.communityId);
  if (!community) return { outcome: inferred ? 'no_community_near' : 'community_not_found' };
  const resident = await ResidentCommunity.findOneAndUpdate(
    { user: new Types.ObjectId(userId) },
    { $set: { community: new Types.ObjectId(community.id), inferred } },
    { upsert: true, returnDocument: 'after' },
  ).lean<ResidentCommunityDoc>();
  return { outcome: 'chosen', resident: resident! };
}

/** Turns the push of urgent alerts on or off (the subscribe-message consent itself is asked on the client). */
export async function setAlertSubscription(userId: string, alerts: boolean): Promise<ResidentCommunityDoc> {
  const resident = await ResidentCommunity.findOneAndUpdate(
    { user: new Types.ObjectId(userId) },
    { $set: { alerts } },
    { upsert: true, returnDocument: 'after' },
  ).lean<ResidentCommunityDoc>();
  return resident!;
}

/** Account deletion: the resident's choice goes with them. */
export async function eraseResident(userId: string): Promise<void> {
  await ResidentCommunity.deleteOne({ user: new Types.ObjectId(userId) });
}
