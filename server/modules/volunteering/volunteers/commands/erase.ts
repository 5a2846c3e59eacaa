import type { Types } from 'mongoose';
import { Volunteer, type VolunteerDoc } from '../model';

/**
 * A deleted account's volunteer profile (volunteering's privacy erase, inside its unit of work):
 * what the volunteer wrote and chose goes (skills, areas, availability, intro, name, appeal
 * texts); the number, the minute counters and the no-show events themselves stay.
 */
export async function eraseVolunteerProfile(user: Types.ObjectId, now: Date): Promise<void> {
  const v = await Volunteer.findOne({ user }, { noShowEvents: 1, deletedAt: 1 }).lean<VolunteerDoc>();
  if (!v) return;
  // Appeal texts are the volunteer's words; the event itself (date, kind, outcome) stays for the team.
  const noShowEvents = v.noShowEvents.map((e) =>
    e.appeal ? { ...e, appeal: { ...e.appeal, reason: '（已注销）', note: undefined } } : e,
  );
  await Volunteer.updateOne(
    { _id: v._id },
    {
      $set: {
        skills: [],
        serviceAreas: [],
        availability: [],
        intro: '',
        nameMasked: '',
        noShowEvents,
        deletedAt: v.deletedAt ?? now,
      },
      $unset: { heldIntro: 1 },
    },
  );
}
