import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '../../../components/Button';
import { FieldShell } from '../../../components/FieldShell';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { VERIFY_OPTIONS, useCharityRegistration } from '../../../hooks/charity/useCharityRegistration';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { ROUTES, go } from '../../../services/nav';
import '../../charity/charity.scss';

/** Back to the charities list this page was opened from (it reloads on show), or open it. */
function backToCharities(): void {
  const pages = Taro.getCurrentPages();
  if ((pages[pages.length - 2]?.route ?? '').includes('packages/charity-admin/charities/')) void Taro.navigateBack();
  else go(ROUTES.charityAdminCharities);
}

/**
 * District admin: register a charity with public-fundraising status and its WeChat Pay merchant.
 * Key files stay on the server (the operator puts them there); the form names their paths and
 * the APIv3 key's reference, and the server checks that each loads and that the private key
 * belongs to the merchant certificate before anything is saved.
 */
export default function RegisterCharityPage() {
  useStaffGuard();
  const [created, setCreated] = useState<string | null>(null);
  const reg = useCharityRegistration((c) => setCreated(c.name));
  const { draft, set, errors } = reg;
  const verifyIndex = VERIFY_OPTIONS.findIndex((o) => o.value === draft.verifyWith);
  const field = (key: Exclude<keyof typeof draft, 'verifyWith'>, label: string, errorKey: string, max = 300) => (
    <FormField id={`charity-${key}`} label={label} value={draft[key]} error={errors[errorKey]} maxlength={max} onChange={(v) => set(key, v)} />
  );
  return (
    <PageShell title="登记公益机构">
      <Notice message={created ? `已登记：${created}` : null} type="success" id="charity-register-message" />
      <View className="card ch-item" id="charity-register-form">
        <Text className="card__title">机构信息</Text>
        {field('name', '机构名称', 'name', 60)}
        {field('uscc', '统一社会信用代码（18 位）', 'uscc', 18)}
        {field('filingNumber', '公开募捐备案编号', 'filingNumber', 60)}
        <Text className="card__title">微信支付商户</Text>
        {field('mchId', '微信支付商户号', 'merchant.mchId', 12)}
        {field('serialNo', '商户 API 证书序列号', 'merchant.serialNo', 40)}
        {field('privateKeyPath', '商户私钥文件路径（服务器上的 apiclient_key.pem）', 'merchant.privateKeyPath')}
        {field('certPath', '商户证书文件路径（apiclient_cert.pem）', 'merchant.certPath')}
        {field('apiV3KeyRef', 'APIv3 密钥引用（env:变量名 或 file:/路径）', 'merchant.apiV3KeyRef')}
        <FieldShell id="charity-verify" label="通知验签方式">
          <Picker id="charity-verify" mode="selector" range={VERIFY_OPTIONS.map((o) => o.label)} value={verifyIndex} onChange={(e) => set('verifyWith', VERIFY_OPTIONS[Number(e.detail.value)]?.value ?? 'platform_cert')}>
            <View className="field__input picker-field__value" id="charity-verify-value">{VERIFY_OPTIONS[verifyIndex]?.label}</View>
          </Picker>
        </FieldShell>
        {draft.verifyWith === 'platform_cert' ? field('platformCertPath', '平台证书文件路径', 'merchant.platformCertPath') : null}
        {draft.verifyWith === 'public_key' ? field('publicKeyId', '微信支付公钥 ID（PUB_KEY_ID_…）', 'merchant.publicKeyId', 80) : null}
        {draft.verifyWith === 'public_key' ? field('publicKeyPath', '微信支付公钥文件路径', 'merchant.publicKeyPath') : null}
        <FormField id="charity-feeRateBp" label="手续费率（万分之，0.6% 填 60）" type="number" value={draft.feeRateBp} error={errors['merchant.feeRateBp']} maxlength={4} onChange={(v) => set('feeRateBp', v)} />
        <Notice message={reg.formError} id="charity-register-error" />
        <Button id="charity-register-submit" className="btn btn--primary" loading={reg.busy} onClick={() => void reg.submit()}>
          登记机构
        </Button>
        <Text className="link" id="charity-register-back" onClick={backToCharities}>
          返回公益机构列表
        </Text>
      </View>
    </PageShell>
  );
}
