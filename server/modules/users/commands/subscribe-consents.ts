import { Types } from 'mongoose';
import { User, type UserDoc } from '../model';

/**
 * The remaining one-time subscribe-message consents stored on the account, per template id.
 * Notifications owns what they mean (notifications/consents.ts); these are its atomic writes.
 */

const consentPath = (templateId: string) => `subscribeConsents.${templateId}`;

/**
 * Adds `accepted` one-time consents (one each) and zeroes `banned` templates in one update;
 * returns the account's consents afterwards, null when there is no such account.
 */
export async function adjustSubscribeConsents(
  userId: string,
  change: { accepted: readonly string[]; banned: readonly string[] },
): Promise<UserDoc['subscribeConsents'] | null> {
  const update: Record<string, unknown> = {};
  if (change.accepted.length) update.$inc = Object.fromEntries(change.accepted.map((t) => [consentPath(t), 1]));
  if (change.banned.length) update.$set = Object.fromEntries(change.banned.map((t) => [consentPath(t), 0]));
  const user = Object.keys(update).length
    ? await User.findOneAndUpdate({ _id: new Types.ObjectId(userId) }, update, {
        returnDocument: 'after',
        projection: { subscribeConsents: 1 },
      }).lean<Pick<UserDoc, 'subscribeConsents'>>()
    : await User.findById(userId, { subscribeConsents: 1 }).lean<Pick<UserDoc, 'subscribeConsents'>>();
  return user ? user.subscribeConsents : null;
}

/** Takes one consent if any is left: one atomic conditional update, never below zero. */
export async function takeSubscribeConsent(userId: Types.ObjectId, templateId: string): Promise<boolean> {
  const res = await User.updateOne(
    { _id: userId, status: 'active', [consentPath(templateId)]: { $gt: 0 } },
    { $inc: { [consentPath(templateId)]: -1 } },
  );
  return res.modifiedCount === 1;
}

/** Returns a reserved consent WeChat never used (the message was not delivered). */
export async function giveSubscribeConsentBack(userId: Types.ObjectId, templateId: string): Promise<void> {
  await User.updateOne({ _id: userId, status: 'active' }, { $inc: { [consentPath(templateId)]: 1 } });
}

/** The user has no consent left for the template (WeChat said so: our count was stale). */
export async function clearSubscribeConsent(userId: Types.ObjectId, templateId: string): Promise<void> {
  await User.updateOne({ _id: userId }, { $set: { [consentPath(templateId)]: 0 } });
}
