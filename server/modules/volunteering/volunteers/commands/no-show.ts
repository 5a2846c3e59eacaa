import { Types } from 'mongoose';
import { Volunteer, type NoShowEventDoc } from '../model';

/** Half-life of a no-show event's weight. */
export const NO_SHOW_HALF_LIFE_DAYS = 90;
export const NO_SHOW_WEIGHTS: Record<NoShowEventDoc['kind'], number> = { no_show: 1, late_cancel: 0.5 };

/**
 * Weight of one event today: base weight × 0.5^(age / 90 days), so a no-show
 * counts 1 now, 0.5 after three months, 0.25 after six. Waived events count 0.
 */
export function eventWeight(e: Pick<NoShowEventDoc, 'kind' | 'at' | 'waived'>, now: Date): number {
  if (e.waived) return 0;
  const ageDays = Math.max(0, (now.getTime() - e.at.getTime()) / 86_400_000);
  return NO_SHOW_WEIGHTS[e.kind] * Math.pow(0.5, ageDays / NO_SHOW_HALF_LIFE_DAYS);
}

/** Sum of decayed weights, two decimals. */
export function noShowScore(events: Pick<NoShowEventDoc, 'kind' | 'at' | 'waived'>[], now: Date): number {
  const sum = events.reduce((acc, e) => acc + eventWeight(e, now), 0);
  return Math.round(sum * 100) / 100;
}

/**
 * Appends an event, at most once per (signup, kind): the filter refuses a
 * second push, so a sweep that runs twice records one event.
 */
export async function recordNoShowEvent(input: {
  user: Types.ObjectId;
  kind: NoShowEventDoc['kind'];
  at: Date;
  activity: Types.ObjectId;
  signup: Types.ObjectId;
  team: Types.ObjectId;
}): Promise<boolean> {
  const res = await Volunteer.updateOne(
    { user: input.user, noShowEvents: { $not: { $elemMatch: { signup: input.signup, kind: input.kind } } } },
    {
      $push: {
        noShowEvents: {
          at: input.at,
          kind: input.kind,
          activity: input.activity,
          signup: input.signup,
          team: input.team,
          waived: false,
        },
      },
    },
  );
  return res.modifiedCount === 1;
}
