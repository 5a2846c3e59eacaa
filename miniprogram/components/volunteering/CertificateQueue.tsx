import { Text, View } from '@tarojs/components';
import { Button } from '../Button';
import { EmptyState } from '../EmptyState';
import { Notice } from '../Notice';
import { SkeletonCards } from '../Skeleton';
import { TextAreaField } from '../TextAreaField';
import type { TCertificateQueue } from '../../hooks/volunteering/useCertificateQueue';
import { formatDate } from '../../services/format';

/** The certificates waiting for this issuer: masked holder, hours, request date; 确认出具 or 驳回 with a reason. */
export function CertificateQueue({ q, title }: { q: TCertificateQueue; title: string }) {
  return (
    <View id="cert-queue">
      <Text className="card__title">{title}</Text>
      <Notice message={q.error} id="cert-queue-error" />
      <Notice type="success" message={q.success} id="cert-queue-success" />
      {q.pending === null && !q.error ? <SkeletonCards id="cert-queue-loading" count={2} /> : null}
      {q.pending?.length === 0 ? <EmptyState title="没有待确认的证明" /> : null}
      {(q.pending ?? []).map((c) => (
        <View key={c.serial} className="card" id={`cert-pending-${c.serial}`}>
          <Text className="card__title">{c.holderNameMasked}</Text>
          <Text className="muted">
            编号 {c.serial} · {c.totalHours} 小时 · 申请于 {formatDate(c.requestedAt)}
            {c.volunteerNo ? ` · 志愿者编号 ${c.volunteerNo}` : ''}
          </Text>
          {q.rejecting === c.serial ? (
            <TextAreaField
              id={`cert-reason-${c.serial}`}
              label="驳回理由"
              value={q.reason}
              error={q.reasonError}
              maxlength={200}
              height={120}
              onChange={q.setReason}
            />
          ) : null}
          <View className="row">
            <Button
              id={`cert-confirm-${c.serial}`}
              className="btn btn--primary"
              disabled={!!q.busy}
              onClick={() => void q.decide(c.serial, 'confirm')}
            >
              确认出具
            </Button>
            <Button
              id={`cert-reject-${c.serial}`}
              className="btn btn--danger"
              disabled={!!q.busy}
              onClick={() => (q.rejecting === c.serial ? void q.decide(c.serial, 'reject') : q.startReject(c.serial))}
            >
              {q.rejecting === c.serial ? '确认驳回' : '驳回'}
            </Button>
          </View>
        </View>
      ))}
    </View>
  );
}
