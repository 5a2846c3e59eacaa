import { useEffect } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { MERCHANT_FIELDS, useMerchantSettings } from '../../../hooks/charity/useMerchantSettings';
import { useAsync } from '../../../hooks/useAsync';
import { usePagedList } from '../../../hooks/usePagedList';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { donationsApi } from '../../../services/donations';
import { formatDate, formatTime } from '../../../services/format';
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
  const anomalies = usePagedList((page, pageSize) => donationsApi.anomalies({ page, pageSize }));
  const { reload: loadAnomalies } = anomalies;
  useEffect(() => void loadAnomalies(), [loadAnomalies]);
  return (
    <PageShell title="公益机构">
      <Notice message={list.error} id="charities-error" />
      {!list.loading && list.data?.items.length === 0 ? <EmptyState title="暂无公益机构" description="由运维人员配置商户证书后通过接口添加" /> : null}
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
                    <Text className="ch-meta">{`APIv3 密钥指纹：${m.view.fingerprints.apiV3Key ?? '无法读取'}`}</Text>
                    {m.view.fingerprints.platformCert ? (
                      <Text className="ch-meta">{`平台证书：序列号 ${m.view.fingerprints.platformCert.serial}，有效期至 ${formatDate(m.view.fingerprints.platformCert.validTo)}`}</Text>
                    ) : null}
                    {m.view.fingerprints.publicKey ? <Text className="ch-meta">{`微信支付公钥指纹：${m.view.fingerprints.publicKey}`}</Text> : null}
                    {m.view.problems.map((p) => (
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
        <Notice message={anomalies.error} />
        {!anomalies.loading && anomalies.items.length === 0 && !anomalies.error ? <Text className="ch-meta">暂无异常</Text> : null}
        {anomalies.items.map((a) => (
          <View key={a.id} className="ch-item payment-anomaly">
            <Text>{`${a.reasonLabel} · ${a.outTradeNo ?? '未知订单'}`}</Text>
            <Text className="ch-meta">{`${a.detail} · ${formatTime(a.at)}`}</Text>
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
