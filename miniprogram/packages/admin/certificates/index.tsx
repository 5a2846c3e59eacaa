import { Progress, Switch, Text, View } from '@tarojs/components';
import { CERTIFICATE_LISTING_DAYS, CERTIFICATE_SEAL_MAX_BYTES } from '@shared/schemas/volunteering/certificates';
import { Button } from '../../../components/Button';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { FormField } from '../../../components/FormField';
import { CertificateQueue } from '../../../components/volunteering/CertificateQueue';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { useCertificateAdmin } from '../../../hooks/useCertificateAdmin';

const SEAL_LABELS = { configured: '已上传', placeholder: '未上传（开发环境打印“样章”）', none: '未上传（不打印印章）' };

/** 证明出具 (民发〔2015〕149号): the district's issuing body and workflow, and its confirmation queue. */
export default function CertificateAdminPage() {
  const guard = useStaffGuard('district_admin');
  const p = useCertificateAdmin(guard.allowed);
  const { form } = p;
  if (!guard.allowed) {
    return (
      <PageShell title="证明出具">
        <Notice message={guard.user ? '仅区级管理员可以设置证明出具。' : null} id="admin-forbidden" />
      </PageShell>
    );
  }
  return (
    <PageShell title="证明出具">
      <Notice message={p.error} id="cert-admin-error" />
      <Notice type="success" message={p.success} id="cert-admin-success" />
      <View className="card" id="cert-settings">
        <Text className="card__title">出具单位信息</Text>
        <Text className="muted">区级出具的志愿服务记录证明上打印这些信息；团队出具的证明以团队联系人为负责人、确认出具的团队管理员为经办人。</Text>
        <FormField
          id="cert-issuerName"
          label="出具单位名称"
          value={form.values.issuerName ?? ''}
          error={form.errors.issuerName}
          placeholder="留空则为“区名 + 志愿服务指导中心”"
          maxlength={60}
          onChange={(v) => form.setField('issuerName', v)}
        />
        <FormField
          id="cert-personInCharge"
          label="负责人"
          value={form.values.personInCharge ?? ''}
          error={form.errors.personInCharge}
          maxlength={30}
          onChange={(v) => form.setField('personInCharge', v)}
        />
        <FormField
          id="cert-handler"
          label="经办人"
          value={form.values.handler ?? ''}
          error={form.errors.handler}
          maxlength={30}
          onChange={(v) => form.setField('handler', v)}
        />
        <FormField
          id="cert-contact"
          label="联系方式"
          value={form.values.contact ?? ''}
          error={form.errors.contact}
          maxlength={60}
          onChange={(v) => form.setField('contact', v)}
        />
        <View className="row">
          <Text className="row__label">出具前需确认</Text>
          <Switch
            id="cert-requireConfirmation"
            checked={!!form.values.requireConfirmation}
            onChange={(e) => form.setField('requireConfirmation', e.detail.value)}
          />
        </View>
        <View className="row">
          <Text className="row__label">公示 {CERTIFICATE_LISTING_DAYS} 天后生效</Text>
          <Switch
            id="cert-publicListing"
            checked={!!form.values.publicListing}
            onChange={(e) => form.setField('publicListing', e.detail.value)}
          />
        </View>
        <View className="row">
          <Text className="row__label">印章图片</Text>
          <Text id="cert-seal">{p.settings ? SEAL_LABELS[p.settings.seal] : '—'}</Text>
        </View>
        <Text className="muted">PNG 或 JPG，不超过 {CERTIFICATE_SEAL_MAX_BYTES / 1024 / 1024}MB；透明背景的 PNG 效果最好。</Text>
        {p.seal.percent !== null ? (
          <View id="cert-seal-progress">
            <Progress percent={p.seal.percent} strokeWidth={4} showInfo />
          </View>
        ) : null}
        <Notice message={p.seal.failure} id="cert-seal-error" />
        <Button
          id="cert-seal-choose"
          className="btn btn--plain"
          disabled={p.seal.percent !== null}
          onClick={() => void p.seal.pick()}
        >
          {p.settings?.seal === 'configured' ? '更换印章图片' : '上传印章图片'}
        </Button>
        <Button
          id="cert-settings-save"
          className="btn btn--primary"
          loading={form.submitting}
          disabled={form.submitting}
          onClick={() => void form.submit()}
        >
          保存设置
        </Button>
      </View>

      <CertificateQueue q={p.queue} title="待区级确认的证明" />
    </PageShell>
  );
}
