import { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';
import type { Actor } from '../../../http/actor';
import type { Refusal } from '../../../platform/outcome';
import { auditActor, type EventAudit } from '../../../platform/outbox/event';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { shanghaiTime } from '../../../platform/time';
import type { Notice } from '../../notifications';
import { appLinks } from '@shared/links';
import type { TCaseOutcomeInput, TDisputeType, TSessionInput } from '@shared/schemas/clinic/mediation';
import { MediationCase, type MediationCaseDoc } from '../model';
import { findUserForProvider } from '../queries';

export interface OpenCaseInput {
  source: { kind: 'consultation' | 'report' | 'walk_in'; id?: string };
  clinicId?: string;
  disputeType: TDisputeType;
  description: string;
  address?: string;
  location?: { lng: number; lat: number };
  parties: { name: string; phone?: string; role: 'applicant' | 'respondent'; userId?: string }[];
  openedBy?: string;
  audit?: EventAudit;
}

/**
 * Opens a mediation case in the committee's queue. A referral from a consultation or a report
 * opens at most one case per source (unique `sourceKey`): a second call returns the first case.
 * Joins the caller's unit of work when there is one (a consultation record, an event subscriber).
 */
export async function openMediationCase(
  deps: AppDeps,
  input: OpenCaseInput,
): Promise<{ outcome: 'opened' | 'already_open'; case: MediationCaseDoc }> {
  const sourceKey = input.source.id ? `${input.source.kind}:${input.source.id}` : undefined;
  if (sourceKey) {
    const existing = await MediationCase.findOne({ sourceKey }).lean<MediationCaseDoc>();
    if (existing) return { outcome: 'already_open', case: existing };
  }
  return inUnitOfWork(deps, async (uow) => {
    let created: MediationCaseDoc;
    try {
      created = (
        await MediationCase.create({
          source: input.source,
          sourceKey,
          clinic: input.clinicId ? new Types.ObjectId(input.clinicId) : undefined,
          disputeType: input.disputeType,
          description: input.description,
          address: input.address,
          location: input.location
            ? { type: 'Point', coordinates: [input.location.lng, input.location.lat] }
            : undefined,
          parties: input.parties.map((p) => ({
            name: p.name,
            phone: p.phone,
            role: p.role,
            user: p.userId ? new Types.ObjectId(p.userId) : undefined,
          })),
          sessions: [],
          status: 'open',
          openedAt: deps.now(),
          openedBy: input.openedBy ? new Types.ObjectId(input.openedBy) : undefined,
        })
      ).toObject<MediationCaseDoc>();
    } catch (e) {
      if ((e as { code?: number }).code === 11000 && sourceKey) {
        return uow.rollback({
          outcome: 'already_open' as const,
          case: (await MediationCase.findOne({ sourceKey }).lean<MediationCaseDoc>())!,
        });
      }
      throw e;
    }
    uow.emit({
      type: 'mediation.opened',
      aggregate: `mediation_case:${String(created._id)}`,
      payload: { caseId: String(created._id), source: input.source },
      audit: input.audit ? { ...input.audit, target: { type: 'mediation_case', id: String(created._id) } } : undefined,
    });
    return { outcome: 'opened' as const, case: created };
  });
}

export const partyNotices = (c: MediationCaseDoc, title: string, body: string, key: string): Notice[] =>
  c.parties
    .filter((p) => p.user)
    .map((p) => ({
      user: String(p.user),
      title,
      body,
      // Parties are residents: their 我的调解 (the case page is the committee's).
      link: appLinks.myMediationCase(String(c._id)),
      dedupeKey: `mediation:${key}:${String(c._id)}:${String(p.user)}`,
    }));

const caseAudit = (
  actor: Actor,
  action: string,
  id: Types.ObjectId,
  after: unknown,
  requestId?: string,
): EventAudit => ({
  actor: auditActor(actor),
  action,
  target: { type: 'mediation_case', id: String(id) },
  after,
  requestId,
});

export async function assignMediator(
  deps: AppDeps,
  input: { case: MediationCaseDoc; mediatorId: string; actor: Actor; requestId?: string },
): Promise<{ outcome: 'assigned'; case: MediationCaseDoc } | Refusal<'not_mediator' | 'not_open'>> {
  const user = await findUserForProvider(input.mediatorId);
  if (!user || !(user.roles ?? []).some((r) => r.role === 'mediator')) return { outcome: 'not_mediator' };
  return inUnitOfWork(deps, async (uow) => {
    const c = await MediationCase.findOneAndUpdate(
      { _id: input.case._id, status: 'open' },
      { $set: { mediator: user._id, mediatorName: user.displayName ?? '' } },
      { returnDocument: 'after' },
    ).lean<MediationCaseDoc>();
    if (!c) return { outcome: 'not_open' as const };
    uow.emit({
      type: 'mediation.assigned',
      aggregate: `mediation_case:${String(c._id)}`,
      payload: { caseId: String(c._id) },
      audit: caseAudit(input.actor, 'mediation.assign', c._id, { mediator: input.mediatorId }, input.requestId),
    });
    return { outcome: 'assigned' as const, case: c };
  });
}

/** Schedules a session; the parties with an account are told when and where. */
export function addSession(
  deps: AppDeps,
  input: { case: MediationCaseDoc; body: TSessionInput; actor: Actor; requestId?: string },
): Promise<{ outcome: 'session_added'; case: MediationCaseDoc } | Refusal<'not_open'>> {
  return inUnitOfWork(deps, async (uow) => {
    const session = { at: input.body.at, place: input.body.place, note: input.body.note ?? '' };
    const c = await MediationCase.findOneAndUpdate(
      { _id: input.case._id, status: 'open' },
      { $push: { sessions: session } },
      { returnDocument: 'after' },
    ).lean<MediationCaseDoc>();
    if (!c) return { outcome: 'not_open' as const };
    uow.emit({
      type: 'mediation.session_scheduled',
      aggregate: `mediation_case:${String(c._id)}`,
      payload: {
        caseId: String(c._id),
        notices: partyNotices(
          c,
          '调解时间已安排',
          `调解定于 ${shanghaiTime(session.at)} 在 ${session.place} 进行。`,
          `session${c.sessions.length}`,
        ),
      },
      audit: caseAudit(input.actor, 'mediation.session', c._id, session, input.requestId),
    });
    return { outcome: 'session_added' as const, case: c };
  });
}

export function closeCase(
  deps: AppDeps,
  input: { case: MediationCaseDoc; body: TCaseOutcomeInput; actor: Actor; requestId?: string },
): Promise<{ outcome: 'closed'; case: MediationCaseDoc } | Refusal<'not_open'>> {
  return inUnitOfWork(deps, async (uow) => {
    const c = await MediationCase.findOneAndUpdate(
      { _id: input.case._id, status: 'open' },
      {
        $set: {
          status: 'closed',
          outcome: input.body.outcome,
          agreementText: input.body.outcome === 'agreement' ? input.body.agreementText : undefined,
          closedAt: deps.now(),
        },
      },
      { returnDocument: 'after' },
    ).lean<MediationCaseDoc>();
    if (!c) return { outcome: 'not_open' as const };
    uow.emit({
      type: 'mediation.closed',
      aggregate: `mediation_case:${String(c._id)}`,
      payload: {
        caseId: String(c._id),
        outcome: input.body.outcome,
        notices: partyNotices(c, '调解已结束', '您参与的调解已结束，可在“我的法律咨询 · 我的调解”查看结果。', 'closed'),
      },
      audit: caseAudit(input.actor, 'mediation.close', c._id, { outcome: input.body.outcome }, input.requestId),
    });
    return { outcome: 'closed' as const, case: c };
  });
}
