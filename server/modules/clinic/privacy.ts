/**
 * A resident's clinic data on export and deletion (DECISIONS: Privacy and retention).
 * Deletion: bookings lose the description, contact details, opposing party and attachments
 * (the provider's notes and the outcome stay with the clinic, the person removed); waitlist
 * places go; mediation cases keep the agreement (the committee must keep it) with the
 * person's name, phone and account removed.
 */
import type { Types } from 'mongoose';
import type { AppDeps } from '../../deps';
import { removePrivateFile } from '../../platform/uploads';
import { Booking, ClinicAttachment, MediationCase, Waitlist } from './model';
import { ATTACHMENT_AREA } from './commands/attachments';
import { releaseSlot } from './commands/slot-hold';

export async function exportClinicData(userId: Types.ObjectId): Promise<unknown> {
  const bookings = await Booking.find({ resident: userId }).lean();
  return {
    bookings: bookings.map((b) => ({
      id: String(b._id),
      startsAt: b.startsAt,
      topic: b.topic,
      mode: b.mode,
      description: b.description,
      client: { name: b.client.name, phone: b.client.phone },
      opposingParty: b.opposing ? { name: b.opposing.name, phone: b.opposing.phone, org: b.opposing.org } : null,
      status: b.status,
      summary: b.record?.status === 'published' ? b.record.summary : null,
      rating: b.rating ?? null,
    })),
    waitlist: await Waitlist.find({ resident: userId }, { clinic: 1, day: 1, topic: 1, status: 1 }).lean(),
    attachments: await ClinicAttachment.find({ owner: userId }, { name: 1, kind: 1, createdAt: 1 }).lean(),
  };
}

export async function eraseClinicData(userId: Types.ObjectId, _now: Date, deps: AppDeps): Promise<void> {
  for (const a of await ClinicAttachment.find({ owner: userId }).lean())
    await removePrivateFile(deps, ATTACHMENT_AREA, a.rel);
  await ClinicAttachment.deleteMany({ owner: userId });
  for (const b of await Booking.find({
    resident: userId,
    status: { $in: ['offered', 'pending', 'confirmed'] },
  }).lean()) {
    await releaseSlot(b, { status: 'cancelled' });
  }
  await Booking.updateMany(
    { resident: userId },
    {
      $set: { description: '', client: { name: '已注销用户', nameKey: '', phone: '' }, attachments: [] },
      $unset: { opposing: 1, slotLock: 1 },
    },
  );
  await Waitlist.deleteMany({ resident: userId });
  for (const c of await MediationCase.find({ 'parties.user': userId }).lean()) {
    const parties = c.parties.map((p) =>
      String(p.user) === String(userId) ? { name: '已注销用户', role: p.role } : p,
    );
    await MediationCase.updateOne({ _id: c._id }, { $set: { parties } });
  }
}
