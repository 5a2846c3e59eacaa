import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { EmptyState } from '../../../components/EmptyState';
import { FormField } from '../../../components/FormField';
import { useSession } from '../../../hooks/useSession';
import { useHelpReview } from '../../../hooks/volunteering/useDistrictReview';
import { formatTime } from '../../../services/format';
import '../../../components/volunteering/volunteering.scss';

/**
 * Help-request review queue: district admins and team admins, by role or as an admin of a
 * certified team (membership is known to the server only; it answers 403 to anyone else).
 */
export default function HelpReviewPage() {
  const { user } = useSession();
  const allowed = !!user;
  const h = useHelpReview(allowed);
  const [reason, setReason] = useState('');
  if (!allowed)
    return (
      <PageShell title="求助审核">
        <Notice message={user ? '仅区级管理员或团队管理员可以审核求助。' : null} id="help-review-forbidden" />
      </PageShell>
    );
  const items = h.list.data?.items ?? [];
  return (
    <PageShell title="求助审核">
      <Notice message={h.list.error ?? h.action.error} id="help-review-error" />
      <Notice type="success" message={h.action.success} id="help-review-success" />
      <FormField id="help-review-reason" label="驳回原因" value={reason} maxlength={200} onChange={setReason} />
      {!h.list.loading && items.length === 0 ? <EmptyState title="没有待审核的求助" /> : null}
      <View id="help-review-list">
        {items.map((r) => (
          <View key={r.id} className="card v-item" id={`help-review-${r.id}`}>
            <Text className="v-item__title">
              {r.categoryLabel}
              {r.contentFlag === 'review' ? '（内容需人工复核）' : ''}
            </Text>
            <Text className="v-item__meta">{r.description}</Text>
            <Text className="v-item__meta">
              {r.address} · {formatTime(r.neededAt)}
            </Text>
            {r.abilities?.review ? (
              <View className="v-actions">
                <Button
                  id={`help-review-${r.id}-approve`}
                  className="btn btn--primary"
                  onClick={() => void h.review(r.id, 'approve', '')}
                >
                  通过并公开
                </Button>
                <Button
                  id={`help-review-${r.id}-reject`}
                  className="btn btn--danger"
                  onClick={() => void h.review(r.id, 'reject', reason)}
                >
                  驳回
                </Button>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
