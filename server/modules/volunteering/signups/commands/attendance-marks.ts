import type { Types } from 'mongoose';
import { Signup, type SignupDoc } from '../model';

/**
 * A confirmed signup's check-in and check-out times, written for attendance
 * (volunteering/attendance decides when they are allowed). Each is one guarded update, so a
 * second scan or a race changes nothing; model calls, so inside `inUnitOfWork` they join its
 * transaction. Each returns the signup afterwards, or null when the guard did not match.
 */

export const markCheckedIn = (signupId: Types.ObjectId, at: Date): Promise<SignupDoc | null> =>
  Signup.findOneAndUpdate({ _id: signupId, status: 'confirmed', checkinAt: null }, { $set: { checkinAt: at } }, { returnDocument: 'after' })
    .lean<SignupDoc>()
    .exec();

/** `auto`: the sweep checked them out at the shift's end (they did not scan). */
export const markCheckedOut = (signupId: Types.ObjectId, at: Date, opts: { auto?: boolean } = {}): Promise<SignupDoc | null> =>
  Signup.findOneAndUpdate(
    { _id: signupId, status: 'confirmed', checkinAt: { $ne: null }, checkoutAt: null },
    { $set: opts.auto ? { checkoutAt: at, autoCheckedOut: true } : { checkoutAt: at } },
    { returnDocument: 'after' },
  )
    .lean<SignupDoc>()
    .exec();

/** Takes back the check-out recorded at `checkoutAt` (not one made since). */
export const unmarkCheckedOut = (signupId: Types.ObjectId, checkoutAt: Date): Promise<SignupDoc | null> =>
  Signup.findOneAndUpdate({ _id: signupId, checkoutAt }, { $unset: { checkoutAt: 1 } }, { returnDocument: 'after' })
    .lean<SignupDoc>()
    .exec();
