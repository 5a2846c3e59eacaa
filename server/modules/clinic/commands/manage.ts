import { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';
import type { Actor } from '../../../http/actor';
import type { TFieldError } from '@shared/errors';
import type { Refusal } from '../../../platform/outcome';
import { auditActor } from '../../../platform/outbox/event';
import { inUnitOfWork, type UnitOfWork } from '../../../platform/unit-of-work';
import { Clinic, type ClinicDoc } from '../../org';
import type { TClinicInput, TClinicPatch } from '@shared/schemas/clinic/clinics';
import type { TAddProvider, TScheduleInput } from '@shared/schemas/clinic/providers';
import { Provider, Schedule, type ProviderDoc, type ScheduleDoc } from '../model';
import { findUserForProvider } from '../queries';
import { scheduleProblems } from '../slots';
import { invalidateSlotLists } from '../slot-cache';

const pt = (l: { lng: number; lat: number }) => ({
  type: 'Point' as const,
  coordinates: [l.lng, l.lat] as [number, number],
});

/** `place.upserted`: the community module lists Linli's own places (clinics among them) from it. */
function emitPlace(uow: UnitOfWork, c: ClinicDoc): void {
  uow.emit({
    type: 'place.upserted',
    aggregate: `clinic:${String(c._id)}`,
    payload: {
      source: 'clinic',
      sourceId: String(c._id),
      placeType: 'clinic',
      name: c.name,
      address: c.address,
      lng: c.location?.coordinates[0] ?? 0,
      lat: c.location?.coordinates[1] ?? 0,
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.openingHours ? { openingHours: c.openingHours } : {}),
    },
  });
}

const clinicAudit = (actor: Actor, action: string, id: Types.ObjectId, after: unknown, requestId?: string) => ({
  actor: auditActor(actor),
  action,
  target: { type: 'clinic', id: String(id) },
  after,
  requestId,
});

export function createClinic(
  deps: AppDeps,
  input: { body: TClinicInput; actor: Actor; requestId?: string },
): Promise<{ outcome: 'created'; clinic: ClinicDoc }> {
  return inUnitOfWork(deps, async (uow) => {
    invalidateSlotLists();
    const { location, ...rest } = input.body;
    const c = (await Clinic.create({ ...rest, location: pt(location), status: 'active' })).toObject<ClinicDoc>();
    emitPlace(uow, c);
    uow.emit({
      type: 'clinic.created',
      aggregate: `clinic:${String(c._id)}`,
      payload: { clinicId: String(c._id) },
      audit: clinicAudit(input.actor, 'clinic.create', c._id, input.body, input.requestId),
    });
    return { outcome: 'created' as const, clinic: c };
  });
}

export function updateClinic(
  deps: AppDeps,
  input: { clinic: ClinicDoc; body: TClinicPatch; actor: Actor; requestId?: string },
): Promise<{ outcome: 'updated'; clinic: ClinicDoc } | Refusal<'not_found'>> {
  return inUnitOfWork(deps, async (uow) => {
    invalidateSlotLists();
    const { location, ...rest } = input.body;
    const set: Record<string, unknown> = { ...rest };
    if (location) set.location = pt(location);
    const c = await Clinic.findOneAndUpdate(
      { _id: input.clinic._id, status: { $ne: 'removed' } },
      { $set: set },
      { returnDocument: 'after' },
    ).lean<ClinicDoc>();
    if (!c) return { outcome: 'not_found' as const };
    emitPlace(uow, c);
    uow.emit({
      type: 'clinic.updated',
      aggregate: `clinic:${String(c._id)}`,
      payload: { clinicId: String(c._id) },
      audit: clinicAudit(input.actor, 'clinic.update', c._id, input.body, input.requestId),
    });
    return { outcome: 'updated' as const, clinic: c };
  });
}

export function removeClinic(
  deps: AppDeps,
  input: { clinic: ClinicDoc; actor: Actor; requestId?: string },
): Promise<{ outcome: 'removed' } | Refusal<'not_found'>> {
  return inUnitOfWork(deps, async (uow) => {
    invalidateSlotLists();
    const r = await Clinic.updateOne(
      { _id: input.clinic._id, status: { $ne: 'removed' } },
      { $set: { status: 'removed' } },
    );
    if (r.modifiedCount !== 1) return { outcome: 'not_found' as const };
    uow.emit({
      type: 'place.removed',
      aggregate: `clinic:${String(input.clinic._id)}`,
      payload: { source: 'clinic', sourceId: String(input.clinic._id) },
    });
    uow.emit({
      type: 'clinic.removed',
      aggregate: `clinic:${String(input.clinic._id)}`,
      payload: { clinicId: String(input.clinic._id) },
      audit: clinicAudit(input.actor, 'clinic.remove', input.clinic._id, {}, input.requestId),
    });
    return { outcome: 'removed' as const };
  });
}

type AddResult =
  | { outcome: 'added'; provider: ProviderDoc }
  | Refusal<'user_not_found' | 'no_grant' | 'licence_required' | 'supervisor_not_provider' | 'already_provider'>;

/**
 * The coordinator lists a lawyer or student as a provider of the clinic. The account must
 * hold the matching role for this clinic; a student's supervisor (from their grant) must
 * already be a provider here. A lawyer's licence stays unverified until the coordinator checks it.
 */
export async function addProvider(
  deps: AppDeps,
  input: { clinic: ClinicDoc; body: TAddProvider; actor: Actor; requestId?: string },
): Promise<AddResult> {
  const user = await findUserForProvider(input.body.userId);
  if (!user) return { outcome: 'user_not_found' };
  const role = input.body.kind === 'lawyer' ? 'lawyer' : 'law_student';
  const grant = (user.roles ?? []).find((r) => r.role === role && r.scopeId === String(input.clinic._id));
  if (!grant) return { outcome: 'no_grant' };
  if (input.body.kind === 'lawyer' && !input.body.licenceNo) return { outcome: 'licence_required' };
  let supervisor: ProviderDoc | null = null;
  if (input.body.kind === 'student') {
    supervisor = grant.supervisorId
      ? await Provider.findOne({
          clinic: input.clinic._id,
          user: new Types.ObjectId(grant.supervisorId),
          kind: 'lawyer',
        }).lean<ProviderDoc>()
      : null;
    if (!supervisor) return { outcome: 'supervisor_not_provider' };
  }
  return inUnitOfWork(deps, async (uow): Promise<AddResult> => {
    invalidateSlotLists();
    let p: ProviderDoc;
    try {
      p = (
        await Provider.create({
          clinic: input.clinic._id,
          user: user._id,
          displayName: user.displayName ?? '',
          kind: input.body.kind,
          licenceNo: input.body.kind === 'lawyer' ? input.body.licenceNo : undefined,
          supervisor: supervisor?._id,
          supervisorUser: supervisor?.user,
          intro: input.body.intro ?? '',
        })
      ).toObject<ProviderDoc>();
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return uow.rollback({ outcome: 'already_provider' });
      throw e;
    }
    uow.emit({
      type: 'clinic.provider_added',
      aggregate: `clinic:${String(input.clinic._id)}`,
      payload: { providerId: String(p._id) },
      audit: {
        actor: auditActor(input.actor),
        action: 'clinic.provider_add',
        target: { type: 'clinic_provider', id: String(p._id) },
        after: input.body,
        requestId: input.requestId,
      },
    });
    return { outcome: 'added', provider: p };
  });
}

/** The coordinator verified the licence (or withdraws the verification, or deactivates the provider). */
export function updateProvider(
  deps: AppDeps,
  input: {
    provider: ProviderDoc;
    change: { licenceVerified?: boolean; active?: boolean };
    actor: Actor;
    requestId?: string;
  },
): Promise<{ outcome: 'updated'; provider: ProviderDoc } | Refusal<'not_lawyer'>> {
  if (input.change.licenceVerified !== undefined && input.provider.kind !== 'lawyer')
    return Promise.resolve({ outcome: 'not_lawyer' });
  return inUnitOfWork(deps, async (uow) => {
    invalidateSlotLists();
    const set: Record<string, unknown> = {};
    const unset: Record<string, 1> = {};
    if (input.change.active !== undefined) set.active = input.change.active;
    if (input.change.licenceVerified === true)
      Object.assign(set, { licenceVerifiedAt: deps.now(), licenceVerifiedBy: new Types.ObjectId(input.actor.userId) });
    if (input.change.licenceVerified === false) Object.assign(unset, { licenceVerifiedAt: 1, licenceVerifiedBy: 1 });
    const p = (await Provider.findOneAndUpdate(
      { _id: input.provider._id },
      { $set: set, $unset: unset },
      { returnDocument: 'after' },
    ).lean<ProviderDoc>())!;
    uow.emit({
      type: 'clinic.provider_updated',
      aggregate: `clinic:${String(p.clinic)}`,
      payload: { providerId: String(p._id) },
      audit: {
        actor: auditActor(input.actor),
        action: 'clinic.provider_update',
        target: { type: 'clinic_provider', id: String(p._id) },
        after: input.change,
        requestId: input.requestId,
      },
    });
    return { outcome: 'updated' as const, provider: p };
  });
}

/** Replaces a provider's schedule (rules, exceptions, slot settings); nonsense is refused per field. */
export async function saveSchedule(
  deps: AppDeps,
  input: { provider: ProviderDoc; body: TScheduleInput; actor: Actor; requestId?: string },
): Promise<{ outcome: 'saved'; schedule: ScheduleDoc } | (Refusal<'invalid_schedule'> & { fields: TFieldError[] })> {
  const fields = scheduleProblems(input.body);
  if (fields.length) return { outcome: 'invalid_schedule', fields };
  return inUnitOfWork(deps, async (uow) => {
    invalidateSlotLists();
    const s = (await Schedule.findOneAndUpdate(
      { provider: input.provider._id },
      { $set: { ...input.body, clinic: input.provider.clinic } },
      { upsert: true, returnDocument: 'after' },
    ).lean<ScheduleDoc>())!;
    uow.emit({
      type: 'clinic.schedule_saved',
      aggregate: `clinic:${String(input.provider.clinic)}`,
      payload: { providerId: String(input.provider._id) },
      audit: {
        actor: auditActor(input.actor),
        action: 'clinic.schedule_save',
        target: { type: 'clinic_provider', id: String(input.provider._id) },
        after: input.body,
        requestId: input.requestId,
      },
    });
    return { outcome: 'saved' as const, schedule: s };
  });
}
