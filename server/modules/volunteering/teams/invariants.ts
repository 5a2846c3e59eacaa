/**
 * Teams' invariant (see server/platform/invariants.ts for how invariants are checked and repaired after a
 * crash). Member counts are kept by the membership commands in their unit of work; older data or
 * a write outside one is put right here.
 */
import type { Types } from 'mongoose';
import { registerInvariants, type Invariant, type Violation } from '../../../platform/invariants';
import { TeamMembership, TeamProfile } from './model';

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

export const teamInvariants: Invariant[] = [teamMemberCounts];

registerInvariants(teamInvariants);
