import type { Refusal } from '../../../../platform/outcome';
import { Types } from 'mongoose';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import { auditActor } from '../../../../platform/outbox/event';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import { Volunteer, type VolunteerDoc } from '../model';

export type AppealResult = { outcome: 'appealed'; volunteer: VolunteerDoc } | Refusal<'not_found' | 'already_appealed'>;

/** The volunteer contests one no-show or late-cancel event (once). */
export async function appealNoShow(deps: AppDeps, userId: string, eventId: string, reason: string): Promise<AppealResult> {
  const now = deps.now();
  const event = new Types.ObjectId(eventId);
  const updated = await Volunteer.findOneAndUpdate(
    { user: userId, noShowEvents: { $elemMatch: { _id: event, appeal: { $exists: false } } } },
    { $set: { 'noShowEvents.$.appeal': { reason, status: 'pending', at: now } } },
    { returnDocument: 'after' },
  ).lean<VolunteerDoc>();
  if (updated) return { outcome: 'appealed', volunteer: updated };
  const exists = await Volunteer.exists({ user: userId, 'noShowEvents._id': event });
  return { outcome: exists ? 'already_appealed' : 'not_found' };
}

export type AppealDecisionResult = { outcome: 'upheld' | 'rejected'; volunteer: VolunteerDoc } | { outcome: 'not_pending' };

/**
 * A team admin decides an appeal on an event of their team. Upheld → the
 * event is waived (weight 0); rejected → it stays. The decision and its
 * audited `no_show_appeal.*` event commit in one unit of work.
 */
export async function decideAppeal(
  deps: AppDeps,
  actor: Actor,
  volunteerUserId: string,
  eventId: string,
  input: { decision: 'upheld' | 'rejected'; note?: string },
  requestId?: string,
): Promise<AppealDecisionResult> {
  const now = deps.now();
  const event = new Types.ObjectId(eventId);
  const current = await Volunteer.findOne({ user: volunteerUserId, 'noShowEvents._id': event }, { noShowEvents: 1 }).lean<VolunteerDoc>();
  const before = current?.noShowEvents.find((e) => e._id.equals(event));
  if (!before?.appeal || before.appeal.status !== 'pending') return { outcome: 'not_pending' };
  const decided = {
    ...before,
    waived: input.decision === 'upheld',
    appeal: { ...before.appeal, status: input.decision, reviewedBy: new Types.ObjectId(actor.userId), reviewedAt: now, note: input.note },
  };
  // One path (the whole element), guarded on the appeal still pending: two
  // admins deciding at once cannot both win.
  return inUnitOfWork(deps, async (uow): Promise<AppealDecisionResult> => {
    const updated = await Volunteer.findOneAndUpdate(
      { user: volunteerUserId, noShowEvents: { $elemMatch: { _id: event, 'appeal.status': 'pending' } } },
      { $set: { 'noShowEvents.$': decided } },
      { returnDocument: 'after' },
    ).lean<VolunteerDoc>();
    if (!updated) return { outcome: 'not_pending' };
    uow.emit({
      type: `no_show_appeal.${input.decision}`,
      aggregate: `volunteer:${String(updated._id)}`,
      payload: { volunteerId: String(updated._id), eventId },
      audit: {
        actor: auditActor(actor),
        action: `volunteering.no_show_appeal.${input.decision}`,
        target: { type: 'volunteer', id: String(updated._id) },
        after: { eventId, decision: input.decision, note: input.note },
        requestId,
      },
    });
    return { outcome: input.decision, volunteer: updated };
  });
}
