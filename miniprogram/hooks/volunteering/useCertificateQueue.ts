import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { ZCertificateListingItem } from '@shared/schemas/volunteering/certificates';
import { confirmAction, toastSuccess } from '../../services/confirm';
import { formErrorsFrom } from '../../services/form-errors';
import { certificateAdminApi } from '../../services/identity';

export type TCertificateListingItem = z.infer<typeof ZCertificateListingItem>;

/**
 * An issuer's queue of certificates waiting for confirmation (民发〔2015〕149号): the team's
 * (its admins, `teamId`) or the district's (district admin, no teamId). 确认 or 驳回 with a
 * reason, each after the platform's confirmation, since the volunteer is told at once.
 */
export function useCertificateQueue(teamId: string | undefined, enabled: boolean) {
  const [pending, setPending] = useState<TCertificateListingItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setPending((await certificateAdminApi.pending(teamId)).items);
      setError(null);
    } catch (e) {
      setError(formErrorsFrom(e).form);
    }
  }, [teamId]);

  useEffect(() => {
    if (enabled) void load();
  }, [enabled, load]);

  // 驳回 opens a reason box under its row (the reason is required and goes to the volunteer).
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const startReject = (serial: string | null) => {
    setRejecting(serial);
    setReason('');
    setReasonError(undefined);
  };

  const decide = async (serial: string, decision: 'confirm' | 'reject') => {
    if (decision === 'reject' && !reason.trim()) {
      setReasonError('驳回时请填写理由');
      return;
    }
    const ok = await confirmAction(
      decision === 'confirm'
        ? { title: '确认出具', content: `确认出具证明 ${serial}？确认后通知本人。`, confirmText: '确认' }
        : { title: '驳回证明', content: `驳回证明 ${serial}？理由将通知本人。`, confirmText: '驳回', danger: true },
    );
    if (!ok) return;
    setBusy(serial);
    setError(null);
    setSuccess(null);
    try {
      const c = await certificateAdminApi.decide(serial, { decision, reason: decision === 'reject' ? reason.trim() : undefined });
      startReject(null);
      setPending((items) => (items ?? []).filter((i) => i.serial !== serial));
      const done = decision === 'confirm' ? (c.status === 'listed' ? '已确认，进入 7 天公示' : '已确认出具') : '已驳回';
      setSuccess(done);
      toastSuccess(decision === 'confirm' ? '已确认' : '已驳回');
    } catch (e) {
      setError(formErrorsFrom(e).form);
    } finally {
      setBusy(null);
    }
  };

  return { pending, error, success, busy, decide, rejecting, startReject, reason, setReason, reasonError, reload: load };
}

export type TCertificateQueue = ReturnType<typeof useCertificateQueue>;
