import { Text } from '@tarojs/components';
import { CERTIFICATE_STATUS_LABELS, type TCertificateDto } from '@shared/schemas/volunteering/certificates';
import { formatDate } from '../../services/format';

/**
 * The holder's identity as the paper shows it (ID type, masked number, volunteer number) and,
 * unless issued, where the certificate stands: waiting for the issuer, in its 公示, or rejected.
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
      <Text className="v-item__meta">
        {c.holder.idType} {c.holder.idNumberMasked}
        {c.holder.volunteerNo ? ` · 志愿者编号 ${c.holder.volunteerNo}` : ''}
      </Text>
      {state ? (
        <Text className="v-badge v-badge--warn" id={`certificate-${c.serial}-status`}>
          {state}
        </Text>
      ) : null}
    </>
  );
}
