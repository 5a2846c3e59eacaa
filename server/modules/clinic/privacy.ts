/**
 * A resident's clinic data on export and deletion (DECISIONS: Privacy and retention).
 * Deletion: bookings lose the description, contact details, opposing party and attachments
 * (the provider's notes and the outcome stay with the clinic, the person removed); waitlist
 * places go; mediation cases keep the agreement (the committee must keep it) with the
 * person's name, phone and account removed.
 */
import type { Types } from 'mongoose';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../http/actor';
import { removePrivateFile } from '../../platform/uploads';
import { Booking, ClinicAttachment, MediationCase, Waitlist } from './model';
import { ATTACHMENT_AREA } from './commands/attachments';
import { releaseSlot } from './commands/slot-hold';
import { presentPartyCase } from './presenter';
import { clinicNames, partyCases } from './queries';

/** The exported user as the viewer of their own data: the party view's rules (partyCasePolicy) apply to them. */
const selfViewer = (userId: Types.ObjectId): Actor => ({
  userId: String(userId),
  kind: 'resident',
  roles: [],
  consentVersion: null,
  realNameVerified: false,
  tokenId: '',
});

/** `now` only marks sessions as still ahead: the privacy slot's export gets no clock, so the download's real time. */
export async function exportClinicData(userId: Types.ObjectId, now = new Date()): Promise<unknown> {
  const bookings = await Booking.find({ resident: userId }).lean();
  const cases = await partyCases(String(userId));
  const names = await clinicNames(cases.flatMap((c) => (c.clinic ? [c.clinic] : [])));
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
    // As in 我的调解: the committee's notes and the other parties' details are not the user's data.
    mediationCases: await Promise.all(
      cases.map((c) =>
        presentPartyCase(selfViewer(userId), c, c.clinic ? (names.get(String(c.clinic)) ?? null) : null, now),
      ),
    ),
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
