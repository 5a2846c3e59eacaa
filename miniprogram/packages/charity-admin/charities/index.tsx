import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { Button as KeyedButton } from '../../../components/Button';
import { EmptyState } from '../../../components/EmptyState';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { MERCHANT_FIELDS, useMerchantSettings } from '../../../hooks/charity/useMerchantSettings';
import { useAsync } from '../../../hooks/useAsync';
import { useAnomalies } from '../../../hooks/charity/useAnomalies';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { donationsApi } from '../../../services/donations';
import { formatDate, formatTime } from '../../../services/format';
import { ROUTES, go } from '../../../services/nav';
import '../../charity/charity.scss';

const VERIFY_LABELS = { platform_cert: '平台证书', public_key: '微信支付公钥', download: '自动下载平台证书' } as const;

/**
 * District admin: the charities with public-fundraising status (each its own WeChat Pay merchant),
 * their merchant settings (paths and references on the server; keys shown only as fingerprints),
 * and the verified payment notifications that did not match an order (支付异常).
 */
export default function AdminCharitiesPage() {
  useStaffGuard();
  const list = useAsync(() => donationsApi.charities(), []);
  const m = useMerchantSettings();
  const anomalies = useAnomalies();
  // Back from 登记公益机构: the new charity shows.
  useDidShow(() => void list.reload());
  return (
    <PageShell title="公益机构">
      <Notice message={list.error} id="charities-error" />
      <KeyedButton id="charity-register" className="btn btn--primary" onClick={() => go(ROUTES.charityAdminRegister)}>
        登记公益机构
      </KeyedButton>
      {!list.loading && list.data?.items.length === 0 ? <EmptyState title="暂无公益机构" description="运维人员把商户证书与密钥放到服务器后，点“登记公益机构”填写" /> : null}
      <View id="admin-charities">
        {list.data?.items.map((c) => (
          <View key={c.id} className="card ch-item" id={`admin-charity-${c.id}`}>
            <Text className="ch-title">{c.name}</Text>
            <Text className="ch-meta">统一社会信用代码：{c.uscc}</Text>
            <Text className="ch-meta">公开募捐备案号：{c.filingNumber}</Text>
            <Text className="ch-meta">{`微信支付商户号：${c.mchId ?? '—'} · 添加于 ${formatDate(c.createdAt)}`}</Text>
            <Text className="link" id={`admin-charity-${c.id}-merchant`} onClick={() => void m.open(m.charityId === c.id ? null : c.id)}>
              {m.charityId === c.id ? '收起商户设置' : '商户设置'}
            </Text>
            {m.charityId === c.id ? (
              <View className="ch-item" id="merchant-settings">
                <Notice message={m.action.error} id="merchant-error" />
                <Notice message={m.action.success} type="success" id="merchant-message" />
                {m.view ? (
                  <View id="merchant-fingerprints">
                    <Text className="ch-meta">{`验签方式：${VERIFY_LABELS[m.view.verifyWith]} · 版本 ${m.view.version}`}</Text>
                    <Text className="ch-meta">{`商户私钥指纹：${m.view.fingerprints.privateKey ?? '无法读取'}`}</Text>
                    {m.view.fingerprints.merchantCert ? (
                      <Text className="ch-meta">{`商户证书：序列号 ${m.view.fingerprints.merchantCert.serial}，有效期至 ${formatDate(m.view.fingerprints.merchantCert.validTo)}`}</Text>
                    ) : null}
                    <Text className="ch-meta">{`APIv3 密钥指纹：${m.view.fingerprints.apiV3Key ?? '无法读取'}`}</Text>
                    {m.view.fingerprints.platformCert ? (
                      <Text className="ch-meta">{`平台证书：序列号 ${m.view.fingerprints.platformCert.serial}，有效期至 ${formatDate(m.view.fingerprints.platformCert.validTo)}`}</Text>
                    ) : null}
                    {m.view.fingerprints.publicKey ? <Text className="ch-meta">{`微信支付公钥指纹：${m.view.fingerprints.publicKey}`}</Text> : null}
                    {[...m.view.mismatches, ...m.view.problems].map((p) => (
                      <Text key={p.path} className="ch-meta merchant-problem">{`⚠ ${p.message}`}</Text>
                    ))}
                  </View>
                ) : null}
                {m.form
                  ? MERCHANT_FIELDS.map((f) => (
                      <FormField key={f.key} id={`merchant-${f.key}`} label={f.label} value={m.form![f.key]} error={m.errors[f.key]} maxlength={300} onChange={(v) => m.set(f.key, v)} />
                    ))
                  : null}
                {m.form ? (
                  <Button id="merchant-save" className="btn btn--primary" loading={m.action.busy === 'save'} onClick={() => void m.save()}>
                    保存商户设置
                  </Button>
                ) : null}
              </View>
            ) : null}
          </View>
        ))}
      </View>
      <View className="card" id="payment-anomalies">
        <Text className="card__title">支付异常（验签通过但与订单不符）</Text>
        <Notice message={anomalies.error ?? anomalies.action.error} id="anomalies-error" />
        <Notice message={anomalies.action.success} type="success" id="anomalies-message" />
        {!anomalies.loading && anomalies.items.length === 0 && !anomalies.error ? <Text className="ch-meta">暂无异常</Text> : null}
        {anomalies.items.map((a) => (
          <View key={a.id} className="ch-item payment-anomaly" id={`anomaly-${a.id}`}>
            <Text>{`${a.reasonLabel} · ${a.outTradeNo ?? '未知订单'}`}</Text>
            <Text className="ch-meta">{`${a.detail} · ${formatTime(a.at)}`}</Text>
            {a.handled ? (
              <Text className="ch-meta" id={`anomaly-${a.id}-handled`}>{`已处理（${a.handled.by}，${formatTime(a.handled.at)}）：${a.handled.note}`}</Text>
            ) : anomalies.handling === a.id ? (
              <View id="anomaly-handle-form">
                <FormField id="anomaly-note" label="处理说明" value={anomalies.note} error={anomalies.noteError} maxlength={200} onChange={anomalies.setNote} />
                <KeyedButton id="anomaly-handle-confirm" className="btn btn--primary" disabled={anomalies.action.busy === 'handle'} onClick={() => void anomalies.confirm()}>
                  确认已处理
                </KeyedButton>
                <Text className="link" onClick={() => anomalies.start(null)}>取消</Text>
              </View>
            ) : (
              <Text className="link" id={`anomaly-${a.id}-handle`} onClick={() => anomalies.start(a.id)}>
                标记已处理
              </Text>
            )}
          </View>
        ))}
        {anomalies.more ? (
          <Button className="btn btn--plain" loading={anomalies.loading} onClick={() => void anomalies.more?.()}>
            加载更多
          </Button>
        ) : null}
      </View>
    </PageShell>
  );
}
