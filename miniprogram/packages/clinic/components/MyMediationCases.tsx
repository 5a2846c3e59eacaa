import { Text, View } from '@tarojs/components';
import { Notice } from '../../../components/Notice';
import { useMyMediationCases } from '../../../hooks/clinic/useResidentClinic';
import type { TPartyCaseView } from '../../../services/clinic';
import { formatTime } from '../../../services/format';

/** A case's sessions, oldest first: what is still ahead and what already took place. */
function Sessions({ c, prefix }: { c: TPartyCaseView; prefix: string }) {
  if (c.sessions.length === 0)
    return (
      <Text className="v-item__meta">{c.status === 'open' ? '调解时间待安排，安排后会通知您。' : '未安排调解'}</Text>
    );
  return (
    <View id={`${prefix}-sessions`}>
      {c.sessions.map((s, i) => (
        <Text key={s.at} className="v-item__meta" id={`${prefix}-session-${i}`}>
          {s.upcoming ? '待进行' : '已进行'}：{formatTime(s.at)} · {s.place}
        </Text>
      ))}
    </View>
  );
}

/**
 * 我的调解 on 我的法律咨询: the mediation cases where I am a party (a consultation referred to
 * mediation, a dispute I reported), with the mediator, the sessions and the outcome; the
 * agreement text when one was reached. `focus` is the case a notification linked to.
 */
export function MyMediationCases({ focus }: { focus?: string }) {
  const list = useMyMediationCases();
  const items = list.data?.items ?? [];
  return (
    <View id="my-mediation">
      <Text className="card__title">我的调解</Text>
      <Notice message={list.error} id="my-mediation-error" />
      {list.data && items.length === 0 ? (
        <Text className="muted" id="my-mediation-empty">
          暂无调解案件。咨询转为调解后，会在这里看到调解安排和结果。
        </Text>
      ) : null}
      {items.map((c) => {
        const key = `mediation-${c.id}`;
        const focused = focus === c.id;
        return (
          <View
            key={c.id}
            id={key}
            className={`card v-item ${focused ? 'v-item--focus' : ''}`}
            style={focused ? { border: '2px solid #0f7b55' } : undefined}
          >
            <Text className="v-item__title">
              {c.disputeTypeLabel}调解{c.clinicName ? ` · ${c.clinicName}` : ''}
            </Text>
            <Text className="v-item__meta">
              我是{c.myRoleLabel} · 登记于 {formatTime(c.openedAt)}
            </Text>
            <Text className="v-item__meta" id={`${key}-mediator`}>
              调解员：{c.mediatorName ?? '待指派'}
            </Text>
            <Sessions c={c} prefix={key} />
            <Text className="v-badge" id={`${key}-status`}>
              {c.outcomeLabel ? `${c.statusLabel} · ${c.outcomeLabel}` : c.statusLabel}
            </Text>
            {c.agreementText ? (
              <View id={`${key}-agreement`}>
                <Text className="v-item__meta">调解协议：</Text>
                <Text>{c.agreementText}</Text>
              </View>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
