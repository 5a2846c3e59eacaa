import { useState } from 'react';
import { ZCharityInput } from '@shared/schemas/donations';
import { donationsApi, type TCharity } from '../../services/donations';
import { formErrorsFrom, zodFieldErrors } from '../../services/form-errors';

/** How the charity's notifications are verified; the form asks only for the files that one needs. */
export const VERIFY_OPTIONS = [
  { value: 'platform_cert', label: '平台证书' },
  { value: 'public_key', label: '微信支付公钥' },
  { value: 'download', label: '自动下载平台证书' },
] as const;
type Verify = (typeof VERIFY_OPTIONS)[number]['value'];

export interface TCharityDraft {
  name: string;
  uscc: string;
  filingNumber: string;
  mchId: string;
  serialNo: string;
  privateKeyPath: string;
  certPath: string;
  apiV3KeyRef: string;
  verifyWith: Verify;
  platformCertPath: string;
  publicKeyId: string;
  publicKeyPath: string;
  feeRateBp: string;
}

const EMPTY: TCharityDraft = {
  name: '',
  uscc: '',
  filingNumber: '',
  mchId: '',
  serialNo: '',
  privateKeyPath: '',
  certPath: '',
  apiV3KeyRef: '',
  verifyWith: 'platform_cert',
  platformCertPath: '',
  publicKeyId: '',
  publicKeyPath: '',
  feeRateBp: '60',
};

/** The input the API takes: key files and references on the server, never key material. */
function inputOf(d: TCharityDraft) {
  return {
    name: d.name,
    uscc: d.uscc,
    filingNumber: d.filingNumber,
    merchant: {
      mchId: d.mchId,
      serialNo: d.serialNo,
      privateKeyPath: d.privateKeyPath,
      certPath: d.certPath,
      apiV3KeyRef: d.apiV3KeyRef,
      platformCertPath: d.verifyWith === 'platform_cert' ? d.platformCertPath : undefined,
      publicKeyId: d.verifyWith === 'public_key' ? d.publicKeyId : undefined,
      publicKeyPath: d.verifyWith === 'public_key' ? d.publicKeyPath : undefined,
      feeRateBp: d.feeRateBp.trim() === '' ? Number.NaN : Number(d.feeRateBp),
    },
  };
}

/**
 * Registering a charity (district admins): checked with the shared schema at once, per field,
 * then sent; the server loads every key and checks the private key against the merchant
 * certificate, and its refusals land on the same fields (`merchant.privateKeyPath`, …).
 */
export function useCharityRegistration(onCreated: (c: TCharity) => void) {
  const [draft, setDraft] = useState<TCharityDraft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof TCharityDraft>(k: K, v: TCharityDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const submit = async () => {
    setFormError(null);
    const parsed = ZCharityInput.safeParse(inputOf(draft));
    if (parsed.success && draft.verifyWith === 'platform_cert' && !draft.platformCertPath.trim()) {
      return setErrors({ 'merchant.platformCertPath': '请填写平台证书文件路径' });
    }
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      onCreated(await donationsApi.createCharity(parsed.data));
      setDraft(EMPTY);
    } catch (e) {
      const { fields, form } = formErrorsFrom(e);
      setErrors(fields);
      setFormError(form);
    } finally {
      setBusy(false);
    }
  };
  return { draft, set, errors, formError, busy, submit };
}
