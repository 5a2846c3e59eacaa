import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { FormField } from '../../../components/FormField';
import { useTeamAdmin } from '../../../hooks/volunteering/useTeamAdmin';
import { useTeamAppeals } from '../../../hooks/volunteering/useTeamAppeals';
import { formatTime } from '../../../services/format';
import '../../../components/volunteering/volunteering.scss';

const KIND_LABELS = { no_show: '未到场', late_cancel: '逾期取消' } as const;

/** Team admin: review volunteers' appeals against no-show and late-cancel records. */
export default function TeamAppealsPage() {
  const t = useTeamAdmin(useRouter().params.team);
  const a = useTeamAppeals(t.teamId, t.allowed);
  const [note, setNote] = useState('');
  // The first show comes with the mount's own load: refresh only on coming back.
  useDidShow(() => void (t.allowed && a.list.data ? a.list.reload() : undefined));
  if (!t.allowed) {
    return (
      <PageShell title="失约申诉">
        <Notice message={t.user ? '您不是该团队的管理员。' : null} id="appeals-forbidden" />
      </PageShell>
    );
  }
  const loaded = !a.list.loading || a.list.data;
  return (
    <PageShell title="失约申诉">
      <Text className="muted">
        志愿者对未到场或逾期取消记录提出的申诉。申诉成立后该记录作废，不再计入爽约分；驳回需填写原因。
      </Text>
      <Notice message={a.list.error} id="appeals-load-error" />
      <Notice message={a.action.error} id="appeals-error" />
      <Notice type="success" message={a.action.success} id="appeals-success" />
      <FormField id="appeals-note" label="处理说明（驳回时必填）" value={note} maxlength={200} onChange={setNote} />
      {loaded && !a.list.error && a.items.length === 0 ? (
        <Text className="muted" id="appeals-empty">
          暂无待处理的申诉
        </Text>
      ) : null}
      <View id="appeals-list">
        {a.items.map((r) => {
          const e = r.event;
          const title = r.activityTitle ?? (e.activityId ? '（活动已不可见）' : '');
          return (
            <View key={e.id} className="card v-item appeal" id={`appeal-${e.id}`} data-user={r.userId}>
              <Text className="v-item__title">
                {r.nameMasked || '志愿者'} · {r.volunteerNo}
              </Text>
              <Text className="v-item__meta" id={`appeal-${e.id}-activity`}>
                活动：{title || '加载中…'}
              </Text>
              <Text className="v-item__meta">
                {KIND_LABELS[e.kind]} · 记录时间 {formatTime(e.at)}
              </Text>
              <Text className="v-item__meta" id={`appeal-${e.id}-reason`}>
                申诉理由：{e.appeal?.reason ?? ''}
              </Text>
              <Text className="v-item__meta">申诉时间 {formatTime(e.appeal?.at)}</Text>
              <View className="v-actions">
                <Button
                  id={`appeal-${e.id}-uphold`}
                  className="btn btn--primary"
                  loading={a.action.busy === `upheld-${e.id}`}
                  onClick={() => void a.decide(r.userId, e.id, 'upheld', note)}
                >
                  申诉成立
                </Button>
                <Button
                  id={`appeal-${e.id}-reject`}
                  className="btn btn--plain"
                  loading={a.action.busy === `rejected-${e.id}`}
                  onClick={() => void a.decide(r.userId, e.id, 'rejected', note)}
                >
                  驳回
                </Button>
              </View>
            </View>
          );
        })}
      </View>
    </PageShell>
  );
}
