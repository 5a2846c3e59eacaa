import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import {
  CERTIFICATE_SEAL_MAX_BYTES,
  ZCertificateSettingsInput,
  type TCertificateSettingsDto,
} from '@shared/schemas/volunteering/certificates';
import { toastSuccess } from '../services/confirm';
import { formErrorsFrom } from '../services/form-errors';
import { certificateAdminApi } from '../services/identity';
import { useForm } from './useForm';
import { useImageUpload } from './useImageUpload';
import { useCertificateQueue } from './volunteering/useCertificateQueue';

const EMPTY = { issuerName: '', personInCharge: '', handler: '', contact: '', requireConfirmation: false, publicListing: false };

/**
 * 证明出具 for the district admin: the settings form (issuing body, 负责人, 经办人, 联系方式,
 * confirmation before issue, 7-day 公示), the seal image upload, and the queue of certificates
 * waiting for the district.
 */
export function useCertificateAdmin(enabled: boolean) {
  const [settings, setSettings] = useState<TCertificateSettingsDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);

  const onValid = useCallback(async (input: z.output<typeof ZCertificateSettingsInput>) => {
    const saved = await certificateAdminApi.saveSettings(input);
    setSettings(saved);
    setSuccess('设置已保存');
    toastSuccess('已保存');
  }, []);
  const form = useForm(ZCertificateSettingsInput, EMPTY, onValid);
  const queue = useCertificateQueue(undefined, enabled);
  const onSeal = useCallback((saved: TCertificateSettingsDto) => {
    setSettings(saved);
    setSuccess('印章图片已上传');
    toastSuccess('已上传');
  }, []);
  const { reset } = form;

  const load = useCallback(async () => {
    try {
      const s = await certificateAdminApi.settings();
      setSettings(s);
      reset({
        issuerName: s.issuerName,
        personInCharge: s.personInCharge,
        handler: s.handler,
        contact: s.contact,
        requireConfirmation: s.requireConfirmation,
        publicListing: s.publicListing,
      });
      setError(null);
    } catch (e) {
      setError(formErrorsFrom(e).form);
    }
  }, [reset]);

  useEffect(() => {
    if (enabled) void load();
  }, [enabled, load]);

  const seal = useImageUpload<TCertificateSettingsDto>(certificateAdminApi.sealPath, CERTIFICATE_SEAL_MAX_BYTES, onSeal);
  return { settings, error, success, form, seal, queue };
}
