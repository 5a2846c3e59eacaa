/**
 * Signups' invariants (see server/platform/invariants.ts for how invariants are checked and repaired after a
 * crash). The signup path keeps its per-turn batching, so a crash can stop a signup between
 * its schedule claim, its counter update and its row; these put claims and counters back in
 * line with the signup rows.
 */
import type { Types } from 'mongoose';
import { ACTIVE_SIGNUP_STATUSES } from '@shared/schemas/volunteering/signups';
import { registerInvariants, type Invariant, type Violation } from '../../../platform/invariants';
import { correctShiftCounters, invalidateActivityLists, shiftCounters as readShiftCounters } from '../activities';
import { HOLDS_PLACE } from './commands/placement';
import { Signup, VolunteerSchedule } from './model';

const ACTIVE = [...ACTIVE_SIGNUP_STATUSES];
const pairKey = (user: unknown, shift: unknown) => `${String(user)}:${String(shift)}`;

/**
 * A time slot in a volunteer's schedule ⇔ an active signup for that shift (shifts not yet
 * ended: the hourly prune drops ended slots). A claim left by a signup that never got its row
 * would refuse the volunteer for good ("您已报名该班次" or an overlap).
 */
const scheduleClaims: Invariant = {
  name: 'schedule-claims',
  check: async ({ now }) => {
    const active = await Signup.find({ status: { $in: ACTIVE }, end: { $gt: now } }, { user: 1, shift: 1, start: 1, end: 1 }).lean();
    const signedUp = new Set(active.map((s) => pairKey(s.user, s.shift)));
    const claimed = new Set<string>();
    const out: Violation[] = [];
    for await (const sch of VolunteerSchedule.find({ 'slots.end': { $gt: now } }, { user: 1, slots: 1 }).lean().cursor()) {
      for (const slot of sch.slots) {
        if (slot.end <= now) continue;
        const key = pairKey(sch.user, slot.shift);
        claimed.add(key);
        if (signedUp.has(key)) continue;
        out.push({
          invariant: 'schedule-claims',
          subject: `schedule:${key}`,
          message: `volunteer ${String(sch.user)} holds a slot for shift ${String(slot.shift)} without an active signup`,
          expected: 'no slot',
          found: 'slot',
          fix: async () => {
            // Guarded: a signup that arrived meanwhile keeps its slot.
            if (await Signup.exists({ user: sch.user, shift: slot.shift, status: { $in: ACTIVE } })) return;
            await VolunteerSchedule.updateOne({ user: sch.user }, { $pull: { slots: { shift: slot.shift } } });
          },
        });
      }
    }
    for (const s of active) {
      if (claimed.has(pairKey(s.user, s.shift))) continue;
      out.push({
        invariant: 'schedule-claims',
        subject: `schedule:${pairKey(s.user, s.shift)}`,
        message: `active signup ${String(s._id)} has no slot in its volunteer's schedule (the overlap guard would miss it)`,
        expected: 'slot',
        found: 'no slot',
        fix: async () => {
          await VolunteerSchedule.updateOne(
            { user: s.user, 'slots.shift': { $ne: s.shift } },
            { $push: { slots: { shift: s.shift, start: s.start, end: s.end } } },
            { upsert: true },
          ).catch((err: unknown) => {
            if ((err as { code?: number }).code !== 11000) throw err; // the slot is there after all
          });
        },
      });
    }
    return out;
  },
};

type Counters = { confirmedCount: number; waitingCount: number; waitSeq: number };

/** A shift's counters ⇔ its signup rows: places taken, people waiting, and a queue sequence past every position. */
const shiftCounters: Invariant = {
  name: 'shift-counters',
  afterFix: () => invalidateActivityLists(),
  check: async ({ scope, now }) => {
    const shifts = await readShiftCounters(scope === 'live' ? now : undefined);
    const match = scope === 'live' ? { shift: { $in: shifts.map((s) => s._id) } } : {};
    const rows = await Signup.aggregate<{ _id: Types.ObjectId; taken: number; waiting: number; maxPos: number | null }>([
      { $match: match },
      {
        $group: {
          _id: '$shift',
          taken: { $sum: { $cond: [{ $in: ['$status', [...HOLDS_PLACE]] }, 1, 0] } },
          waiting: { $sum: { $cond: [{ $eq: ['$status', 'waitlisted'] }, 1, 0] } },
          maxPos: { $max: '$waitPos' },
        },
      },
    ]);
    const byShift = new Map(rows.map((r) => [String(r._id), r]));
    const out: Violation[] = [];
    for (const s of shifts) {
      const r = byShift.get(String(s._id));
      const found: Counters = { confirmedCount: s.confirmedCount ?? 0, waitingCount: s.waitingCount ?? 0, waitSeq: s.waitSeq ?? 0 };
      const expected: Counters = {
        confirmedCount: r?.taken ?? 0,
        waitingCount: r?.waiting ?? 0,
        waitSeq: Math.max(found.waitSeq, r?.maxPos ?? 0),
      };
      if (JSON.stringify(found) === JSON.stringify(expected)) continue;
      out.push({
        invariant: 'shift-counters',
        subject: `shift:${String(s._id)}`,
        message: `shift ${String(s._id)} counters ${JSON.stringify(found)} disagree with its signups ${JSON.stringify(expected)}`,
        expected,
        found,
        fix: async () => {
          await correctShiftCounters(s._id, found, expected);
        },
      });
    }
    return out;
  },
};

export const signupInvariants: Invariant[] = [scheduleClaims, shiftCounters];

registerInvariants(signupInvariants);
