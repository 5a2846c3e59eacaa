import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { TextAreaField } from '../../../components/TextAreaField';
import { useAsync } from '../../../hooks/useAsync';
import { useAction } from '../../../hooks/clinic/useStaffClinic';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { clinicApi } from '../../../services/clinic';
import { confirmAction } from '../../../services/confirm';
import { formatTime } from '../../../services/format';
import { CaseManage } from '../components/CaseManage';
import '../../../components/volunteering/volunteering.scss';

/** The mediation committee's queue: referrals from consultations and dispute reports; results recorded here. */
export default function MediationCasesPage() {
  const guard = useStaffGuard();
  // A committee notice links here with the case's id (shared/links.ts mediationCase): that card stands out.
  const focus = useRouter().params.id;
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const cases = useAsync(() => clinicApi.cases(status), [status], guard.allowed);
  const action = useAction(() => cases.reload());
  const mediators = useAsync(() => clinicApi.mediators(), [], guard.allowed);
  const [text, setText] = useState('');
  if (!guard.allowed) return <PageShell title="调解案件">{null}</PageShell>;
  const close = (id: string, outcome: 'agreement' | 'no_agreement' | 'withdrawn', label: string) =>
    void confirmAction({ title: '记录调解结果', content: `确定记录为“${label}”并结案吗？`, confirmText: '结案' }).then(
      async (ok) => {
        if (ok)
          await action.run(`close-${id}`, () =>
            clinicApi.closeCase(id, outcome === 'agreement' ? { outcome, agreementText: text } : { outcome }),
          );
      },
    );
  return (
    <PageShell title="调解案件">
      <Notice message={mediators.error} id="cases-mediators-error" />
      <View className="v-chips">
        <Text
          id="cases-open"
          className={`v-chip ${status === 'open' ? 'v-chip--on' : ''}`}
          onClick={() => setStatus('open')}
        >
          调解中
        </Text>
        <Text
          id="cases-closed"
          className={`v-chip ${status === 'closed' ? 'v-chip--on' : ''}`}
          onClick={() => setStatus('closed')}
        >
          已结案
        </Text>
      </View>
      <Notice message={action.error ?? cases.error} id="cases-error" />
      <View id="cases-list">
        {(cases.data?.items ?? []).map((c) => (
          <View key={c.id} className={`card v-item ${focus === c.id ? 'v-item--focus' : ''}`} id={`case-${c.id}`}>
            <Text className="v-item__title">
              {c.disputeTypeLabel} ·{' '}
              {c.source.kind === 'report' ? '上报转入' : c.source.kind === 'consultation' ? '咨询转调解' : '来访登记'}
            </Text>
            <Text className="v-item__meta">
              {c.parties.map((p) => `${p.role === 'applicant' ? '申请人' : '被申请人'}：${p.name}`).join('；')}
            </Text>
            <Text>{c.description}</Text>
            <Text className="v-item__meta">受理：{formatTime(c.openedAt)}</Text>
            {c.outcomeLabel ? (
              <Text className="v-badge" id={`case-${c.id}-outcome`}>
                {c.outcomeLabel}
              </Text>
            ) : null}
            {c.agreementText ? <Text className="v-item__meta">协议：{c.agreementText}</Text> : null}
            {c.mediator ? <Text className="v-item__meta">调解员：{c.mediator.name}</Text> : null}
            {c.sessions.map((x, i) => (
              <Text key={i} className="v-item__meta" id={`case-${c.id}-session-${i}`}>
                调解安排：{formatTime(x.at)} · {x.place}
                {x.note ? ` · ${x.note}` : ''}
              </Text>
            ))}
            {c.status === 'open' ? (
              <CaseManage
                caseId={c.id}
                mediator={c.mediator}
                mediators={mediators.data?.items ?? []}
                after={() => cases.reload()}
              />
            ) : null}
            {c.status === 'open' ? (
              <View className="v-actions">
                <TextAreaField
                  id={`case-${c.id}-agreement`}
                  label="协议内容（达成协议时填写）"
                  value={text}
                  maxlength={5000}
                  onChange={setText}
                />
                <Button
                  id={`case-${c.id}-agreement-submit`}
                  className="btn btn--primary"
                  onClick={() => close(c.id, 'agreement', '达成协议')}
                >
                  达成协议
                </Button>
                <Button
                  id={`case-${c.id}-no-agreement`}
                  className="btn btn--plain"
                  onClick={() => close(c.id, 'no_agreement', '未达成')}
                >
                  未达成
                </Button>
                <Button
                  id={`case-${c.id}-withdrawn`}
                  className="btn btn--plain"
                  onClick={() => close(c.id, 'withdrawn', '撤回')}
                >
                  撤回
                </Button>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
