import { useState } from 'react';
import { ZMerchantSettings } from '@shared/schemas/donations';
import { donationsApi, type TMerchantView } from '../../services/donations';
import { formErrorsFrom, zodFieldErrors } from '../../services/form-errors';
import { useAction } from '../volunteering/useAction';

export const MERCHANT_FIELDS = [
  { key: 'mchId', label: '微信支付商户号' },
  { key: 'serialNo', label: '商户 API 证书序列号' },
  { key: 'privateKeyPath', label: '商户私钥文件路径（服务器上）' },
  { key: 'certPath', label: '商户证书文件路径（apiclient_cert.pem）' },
  { key: 'apiV3KeyRef', label: 'APIv3 密钥引用（env:变量名 或 file:/路径）' },
  { key: 'platformCertPath', label: '平台证书文件路径（可选）' },
  { key: 'publicKeyId', label: '微信支付公钥 ID（可选，PUB_KEY_ID_…）' },
  { key: 'publicKeyPath', label: '微信支付公钥文件路径（可选）' },
  { key: 'feeRateBp', label: '手续费率（万分之，0.6% 填 60）' },
] as const;
type Key = (typeof MERCHANT_FIELDS)[number]['key'];
type Form = Record<Key, string>;

const formOf = (v: TMerchantView): Form => ({
  mchId: v.mchId,
  serialNo: v.serialNo,
  privateKeyPath: v.privateKeyPath,
  certPath: v.certPath ?? '',
  apiV3KeyRef: v.apiV3KeyRef,
  platformCertPath: v.platformCertPath ?? '',
  publicKeyId: v.publicKeyId ?? '',
  publicKeyPath: v.publicKeyPath ?? '',
  feeRateBp: String(v.feeRateBp),
});

/**
 * One charity's merchant settings: the server's view (paths, references, key fingerprints, what
 * fails to load) and an edit form checked with the shared schema at once. Keys are never typed
 * here: the form names files and references on the server.
 */
export function useMerchantSettings() {
  const action = useAction();
  const [charityId, setCharityId] = useState<string | null>(null);
  const [view, setView] = useState<TMerchantView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const open = async (id: string | null) => {
    setCharityId(id);
    setView(null);
    setForm(null);
    setErrors({});
    action.clear();
    if (!id) return;
    await action.run('load', async () => {
      const v = await donationsApi.merchant(id);
      setView(v);
      setForm(formOf(v));
      return null;
    });
  };
  const set = (k: Key, value: string) => setForm((f) => (f ? { ...f, [k]: value } : f));

  const save = async () => {
    if (!charityId || !view || !form) return;
    const input = {
      mchId: form.mchId,
      serialNo: form.serialNo,
      privateKeyPath: form.privateKeyPath,
      certPath: form.certPath,
      apiV3KeyRef: form.apiV3KeyRef,
      platformCertPath: form.platformCertPath.trim() || undefined,
      publicKeyId: form.publicKeyId.trim() || undefined,
      publicKeyPath: form.publicKeyPath.trim() || undefined,
      feeRateBp: form.feeRateBp.trim() === '' ? Number.NaN : Number(form.feeRateBp),
    };
    const parsed = ZMerchantSettings.safeParse(input);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    await action.run(
      'save',
      async () => {
        try {
          const v = await donationsApi.updateMerchant(charityId, { ...parsed.data, version: view.version });
          setView(v);
          setForm(formOf(v));
          return '商户设置已保存，新密钥已生效';
        } catch (e) {
          setErrors(formErrorsFrom(e).fields);
          throw e;
        }
      },
      { title: '保存商户设置', content: '保存后该机构的收款与验签立即改用新的设置，确定保存吗？', confirmText: '保存' },
    );
  };
  return { charityId, view, form, errors, set, open, save, action };
}
