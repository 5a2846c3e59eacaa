import type { Refusal } from '../../../../platform/outcome';
import { Types } from 'mongoose';
import type { TVolunteerProfileUpdate, TVolunteerRegisterInput } from '@shared/schemas/volunteering/volunteers';
import type { AppDeps } from '../../../../deps';
import type { TCheckOutcome } from '../../../content';
import { grantRoleOnce, realNameMasks } from '../../../users';
import { Volunteer, VolunteeringCounter, type VolunteerDoc } from '../model';
import { isDuplicateKey } from '../../signups';

export type RegisterResult =
  | { outcome: 'registered'; volunteer: VolunteerDoc }
  | Refusal<'not_verified' | 'already_registered'>;

/** Next volunteer number, e.g. V2026000123 (year of registration + district-wide sequence). */
async function nextVolunteerNo(now: Date): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const c = await VolunteeringCounter.findOneAndUpdate(
        { _id: 'volunteerNo' },
        { $inc: { seq: 1 } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      return `V${now.getUTCFullYear()}${String(c!.seq).padStart(6, '0')}`;
    } catch (err) {
      // Two first-ever registrations raced on the upsert; the counter exists now.
      if (!isDuplicateKey(err) || attempt > 2) throw err;
    }
  }
}

/**
 * A real-name-verified user registers as a volunteer: one Volunteer per user
 * (unique index), a volunteer number, and the `volunteer` role.
 */
export async function registerVolunteer(
  deps: AppDeps,
  userId: string,
  input: TVolunteerRegisterInput,
  introCheck: TCheckOutcome = 'pass',
): Promise<RegisterResult> {
  const realName = await realNameMasks(userId);
  if (!realName?.verifiedAt) return { outcome: 'not_verified' };
  if (await Volunteer.exists({ user: userId })) return { outcome: 'already_registered' };
  const now = deps.now();
  let volunteer: VolunteerDoc;
  try {
    const created = await Volunteer.create({
      user: new Types.ObjectId(userId),
      volunteerNo: await nextVolunteerNo(now),
      nameMasked: realName.nameMasked,
      skills: dedupe(input.skills),
      serviceAreas: dedupe(input.serviceAreas),
      availability: input.availability,
      // An intro the check wants reviewed waits for a district admin; others see none meanwhile.
      intro: introCheck === 'pass' ? (input.intro ?? '') : '',
      heldIntro: introCheck === 'review' && input.intro ? { text: input.intro, at: now } : undefined,
    });
    volunteer = created.toObject<VolunteerDoc>();
  } catch (err) {
    if (isDuplicateKey(err)) return { outcome: 'already_registered' };
    throw err;
  }
  await grantRoleOnce(userId, { role: 'volunteer' });
  return { outcome: 'registered', volunteer };
}

/**
 * Profile edits. A new intro that passed the check replaces the public one (and
 * drops any held one); one the check wants reviewed is held, the public intro
 * stays as it was until a district admin approves.
 */
export async function updateVolunteerProfile(
  userId: string,
  input: TVolunteerProfileUpdate,
  introCheck: TCheckOutcome = 'pass',
  now: Date = new Date(),
): Promise<VolunteerDoc | null> {
  const set: Record<string, unknown> = {};
  const unset: Record<string, 1> = {};
  if (input.skills) set.skills = dedupe(input.skills);
  if (input.serviceAreas) set.serviceAreas = dedupe(input.serviceAreas);
  if (input.availability) set.availability = input.availability;
  if (input.intro !== undefined && introCheck === 'pass') {
    set.intro = input.intro;
    unset.heldIntro = 1;
  } else if (input.intro !== undefined) {
    set.heldIntro = { text: input.intro, at: now };
  }
  const update = Object.keys(unset).length ? { $set: set, $unset: unset } : { $set: set };
  return Volunteer.findOneAndUpdate({ user: userId }, update, { returnDocument: 'after' }).lean<VolunteerDoc>();
}

const dedupe = (xs: string[]): string[] => [...new Set(xs)];
