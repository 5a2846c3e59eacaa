/**
 * Volunteering's invariants (see server/platform/invariants.ts for how they are checked and
 * repaired). The signup path keeps its per-turn batching, so a crash can stop a signup between
 * its schedule claim, its counter update and its row; these put the derived data (claims,
 * counters, totals) back in line with the source of truth (signup rows, the hours ledger,
 * memberships).
 */
import type { Types } from 'mongoose';
import { ACTIVE_SIGNUP_STATUSES } from '@shared/schemas/volunteering/signups';
import { registerInvariants, type Invariant, type Violation } from '../../platform/invariants';
import { Shift } from './activities/model';
import { invalidateActivityLists } from './activities/queries';
import { reconcileHours } from './hours/commands/reconcile-hours';
import { HoursTotal, type TTotalKind } from './hours/model';
import { HOLDS_PLACE } from './signups/commands/placement';
import { Signup, VolunteerSchedule } from './signups/model';
import { TeamMembership, TeamProfile } from './teams/model';
import { Volunteer } from './volunteers/model';

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
  afterFix: invalidateActivityLists,
  check: async ({ scope, now }) => {
    const shifts = await Shift.find(scope === 'live' ? { end: { $gt: now } } : {}, {
      confirmedCount: 1,
      waitingCount: 1,
      waitSeq: 1,
    }).lean<(Counters & { _id: Types.ObjectId })[]>();
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
          await Shift.updateOne({ _id: s._id, ...found }, { $set: expected });
        },
      });
    }
    return out;
  },
};

/** Running hours totals ⇔ the ledger (reconcileHours computes both sides). */
const hoursTotals: Invariant = {
  name: 'hours-totals',
  check: async () => {
    const report = await reconcileHours({ fix: false });
    return report.mismatches.map((m) => {
      const subject = `hours:${m.kind}:${m.teamId ?? '-'}:${m.userId ?? '-'}:${m.field}`;
      return {
        invariant: 'hours-totals',
        subject,
        message: `${m.field} of ${m.kind} total (team ${m.teamId ?? '-'}, user ${m.userId ?? '-'}) is ${m.found}, the ledger says ${m.expected}`,
        expected: m.expected,
        found: m.found,
        fix: async () => {
          if (m.field.startsWith('volunteer.')) {
            const field = m.field.slice('volunteer.'.length);
            await Volunteer.updateOne({ user: m.userId, [field]: m.found === 0 ? { $in: [0, null] } : m.found }, { $set: { [field]: m.expected } });
            return;
          }
          const filter = { kind: m.kind as TTotalKind, team: m.teamId, user: m.userId };
          const exists = await HoursTotal.exists(filter);
          if (!exists) await HoursTotal.updateOne(filter, { $setOnInsert: { confirmedMinutes: 0, pendingMinutes: 0 } }, { upsert: true });
          await HoursTotal.updateOne({ ...filter, [m.field]: m.found }, { $set: { [m.field]: m.expected } });
        },
      };
    });
  },
};

/** A team's member count ⇔ its active memberships. */
const teamMemberCounts: Invariant = {
  name: 'team-member-counts',
  check: async () => {
    const counts = await TeamMembership.aggregate<{ _id: Types.ObjectId; n: number }>([
      { $match: { status: 'active' } },
      { $group: { _id: '$team', n: { $sum: 1 } } },
    ]);
    const byTeam = new Map(counts.map((c) => [String(c._id), c.n]));
    const out: Violation[] = [];
    for await (const p of TeamProfile.find({}, { team: 1, memberCount: 1 }).lean().cursor()) {
      const expected = byTeam.get(String(p.team)) ?? 0;
      const found = p.memberCount ?? 0;
      if (expected === found) continue;
      out.push({
        invariant: 'team-member-counts',
        subject: `team:${String(p.team)}`,
        message: `team ${String(p.team)} shows ${found} members, its active memberships are ${expected}`,
        expected,
        found,
        fix: async () => {
          await TeamProfile.updateOne({ _id: p._id, memberCount: p.memberCount }, { $set: { memberCount: expected } });
        },
      });
    }
    return out;
  },
};

export const volunteeringInvariants: Invariant[] = [scheduleClaims, shiftCounters, hoursTotals, teamMemberCounts];

registerInvariants(volunteeringInvariants);
