import { Text } from '@tarojs/components';
import { CERTIFICATE_STATUS_LABELS, type TCertificateDto } from '@shared/schemas/volunteering/certificates';
import { formatDate } from '../../services/format';

/**
 * The holder's identity as the paper shows it (their full name on their own copy, ID type, masked
 * number, volunteer number), the issuer (负责人, 经办人, 联系方式) and, unless issued, where the
 * certificate stands: waiting for the issuer, in its 公示, or rejected.
 */
export function CertificateStatusLine({ certificate: c }: { certificate: TCertificateDto }) {
  const state =
    c.status === 'listed' && c.listedUntil
      ? `${CERTIFICATE_STATUS_LABELS.listed}，${formatDate(c.listedUntil)} 生效后可下载`
      : c.status === 'rejected'
        ? `${CERTIFICATE_STATUS_LABELS.rejected}${c.rejectReason ? `：${c.rejectReason}` : ''}`
        : c.status === 'pending'
          ? CERTIFICATE_STATUS_LABELS.pending
          : null;
  return (
    <>
      <Text className="v-item__meta" id={`certificate-${c.serial}-holder`}>
        {c.holder.name ?? c.holder.nameMasked} · {c.holder.idType} {c.holder.idNumberMasked}
        {c.holder.volunteerNo ? ` · 志愿者编号 ${c.holder.volunteerNo}` : ''}
      </Text>
      <Text className="v-item__meta" id={`certificate-${c.serial}-issuer`}>
        出具单位 {c.issuer.name} · 负责人 {c.issuer.personInCharge || '—'} · 经办人 {c.issuer.handler || '—'}
        {c.issuer.contact ? ` · 联系方式 ${c.issuer.contact}` : ''}
      </Text>
      {state ? (
        <Text className="v-badge v-badge--warn" id={`certificate-${c.serial}-status`}>
          {state}
        </Text>
      ) : null}
    </>
  );
}
