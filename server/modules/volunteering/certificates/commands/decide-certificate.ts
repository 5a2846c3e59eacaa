import { Types } from 'mongoose';
import { appLinks } from '@shared/links';
import { CERTIFICATE_LISTING_DAYS, type TCertificateDecisionBody } from '@shared/schemas/volunteering/certificates';
import type { AppDeps } from '../../../../deps';
import type { Actor } from '../../../../http/actor';
import { auditActor } from '../../../../platform/outbox/event';
import type { Refusal } from '../../../../platform/outcome';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import type { Notice } from '../../../notifications';
import { ownRealName } from '../../../realname';
import { findContact } from '../../../users';
import { Certificate, type CertificateDoc } from '../model';
import { canConfirmFor } from '../policy';
import { certificateSettings } from '../settings';

const DAY_MS = 86_400_000;

export type DecideCertificateResult =
  | { outcome: 'confirmed' | 'rejected'; certificate: CertificateDoc }
  | Refusal<'not_found' | 'forbidden' | 'not_pending'>;

/**
 * The issuer confirms or rejects a pending certificate. Confirmed, it is listed for 7 days when
 * the settings ask for 公示 (effective at the end), else issued now. One guarded update (only a
 * pending certificate moves), its audited event and the holder's message commit together.
 */
export async function decideCertificate(
  deps: AppDeps,
  actor: Actor,
  serial: string,
  body: TCertificateDecisionBody,
  requestId?: string,
): Promise<DecideCertificateResult> {
  const cert = await Certificate.findOne({ serial }).lean<CertificateDoc>();
  if (!cert) return { outcome: 'not_found' };
  if (!(await canConfirmFor(actor, cert.issuer))) return { outcome: 'forbidden' };
  const settings = await certificateSettings();
  const now = deps.now();
  const confirm = body.decision === 'confirm';
  const listedUntil =
    confirm && settings.publicListing ? new Date(now.getTime() + CERTIFICATE_LISTING_DAYS * DAY_MS) : null;
  const $set: Record<string, unknown> = confirm
    ? { status: listedUntil ? 'listed' : 'issued', listedUntil, issuedAt: listedUntil ?? now }
    : { status: 'rejected', rejectReason: body.reason ?? '' };
  // A team has no configured 经办人: whoever confirms the paper handled it, and is named on it
  // (by their verified name when they have one, as on any paper they answer for).
  if (confirm && cert.issuer.type === 'team' && !cert.issuer.handler) {
    const handler =
      (await ownRealName(deps, actor.userId)) ??
      (await findContact(actor.userId))?.displayName;
    if (handler) $set['issuer.handler'] = handler;
  }
  return inUnitOfWork(deps, async (uow): Promise<DecideCertificateResult> => {
    const updated = await Certificate.findOneAndUpdate(
      { _id: cert._id, status: 'pending' },
      { $set: { ...$set, decidedBy: new Types.ObjectId(actor.userId) } },
      { returnDocument: 'after' },
    ).lean<CertificateDoc>();
    if (!updated) return { outcome: 'not_pending' };
    const notice: Notice = {
      user: String(cert.user),
      title: confirm ? '您的志愿服务记录证明已确认' : '您的志愿服务记录证明未通过',
      body: confirm
        ? listedUntil
          ? `${cert.issuer.name}已确认，公示 ${CERTIFICATE_LISTING_DAYS} 天后生效，届时可下载。`
          : `${cert.issuer.name}已确认，现在可以下载。`
        : `原因：${body.reason ?? ''}`,
      link: appLinks.myHours(),
      dedupeKey: `certificate_decided:${serial}`,
    };
    const action = confirm ? 'certificate.confirmed' : 'certificate.rejected';
    uow.emit({
      type: action,
      aggregate: `certificate:${serial}`,
      payload: { serial, status: updated.status, notices: [notice] },
      audit: {
        actor: auditActor(actor),
        action,
        target: { type: 'certificate', id: serial },
        before: { status: 'pending' },
        after: { status: updated.status, reason: body.reason, listedUntil, handler: updated.issuer.handler },
        requestId,
      },
    });
    return { outcome: confirm ? 'confirmed' : 'rejected', certificate: updated };
  });
}
