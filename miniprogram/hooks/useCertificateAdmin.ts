import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import {
  ZCertificateSettingsInput,
  type TCertificateSettingsDto,
  type ZCertificateListingItem,
} from '@shared/schemas/volunteering/certificates';
import { confirmAction, toastSuccess } from '../services/confirm';
import { formErrorsFrom } from '../services/form-errors';
import { certificateAdminApi } from '../services/identity';
import { useForm } from './useForm';

type TItem = z.infer<typeof ZCertificateListingItem>;
const EMPTY = { issuerName: '', personInCharge: '', handler: '', contact: '', requireConfirmation: false, publicListing: false };

/**
 * 证明出具 for the district admin: the settings form (issuing body, 负责人, 经办人, 联系方式,
 * confirmation before issue, 7-day 公示) and the queue of certificates waiting for the district.
 */
export function useCertificateAdmin(enabled: boolean) {
  const [settings, setSettings] = useState<TCertificateSettingsDto | null>(null);
  const [pending, setPending] = useState<TItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const onValid = useCallback(async (input: z.output<typeof ZCertificateSettingsInput>) => {
    const saved = await certificateAdminApi.saveSettings(input);
    setSettings(saved);
    setSuccess('设置已保存');
    toastSuccess('已保存');
  }, []);
  const form = useForm(ZCertificateSettingsInput, EMPTY, onValid);
  const { reset } = form;

  const load = useCallback(async () => {
    try {
      const [s, q] = await Promise.all([certificateAdminApi.settings(), certificateAdminApi.pending()]);
      setSettings(s);
      reset({
        issuerName: s.issuerName,
        personInCharge: s.personInCharge,
        handler: s.handler,
        contact: s.contact,
        requireConfirmation: s.requireConfirmation,
        publicListing: s.publicListing,
      });
      setPending(q.items);
      setError(null);
    } catch (e) {
      setError(formErrorsFrom(e).form);
    }
  }, [reset]);

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
    try {
      const c = await certificateAdminApi.decide(serial, { decision, reason: decision === 'reject' ? reason.trim() : undefined });
      startReject(null);
      setPending((items) => items.filter((i) => i.serial !== serial));
      setSuccess(decision === 'confirm' ? (c.status === 'listed' ? '已确认，进入 7 天公示' : '已确认出具') : '已驳回');
    } catch (e) {
      setError(formErrorsFrom(e).form);
    } finally {
      setBusy(null);
    }
  };

  return { settings, pending, error, success, busy, form, decide, rejecting, startReject, reason, setReason, reasonError };
}
