import { Button, Picker, Text, View } from '@tarojs/components';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { useAddProvider } from '../../../hooks/clinic/useStaffClinic';
import type { TProviderCandidate } from '../../../services/clinic';

const label = (c: TProviderCandidate) => `${c.displayName}（${c.kind === 'lawyer' ? '律师' : '法学实习生'}）`;

/**
 * 添加服务人员: an account the district granted a lawyer or student role at this clinic; a lawyer
 * brings the 17-digit licence number (verified afterwards), a student comes with the supervising
 * lawyer named on the grant.
 */
export function AddProviderForm({ clinicId, onAdded }: { clinicId: string; onAdded: () => Promise<void> }) {
  const f = useAddProvider(clinicId, onAdded);
  const items = f.candidates.data?.items ?? [];
  const chosen = items.find((c) => c.userId === f.form.values.userId);
  const e = f.form.errors;
  return (
    <View className="card" id="add-provider">
      <Text className="card__title">添加服务人员</Text>
      <Notice message={f.candidates.error} id="add-provider-load-error" />
      {items.length === 0 && !f.candidates.loading ? (
        <Text className="muted">暂无可添加的账号：请区级管理员先为律师或法学实习生开通本诊所的角色。</Text>
      ) : (
        <Picker
          mode="selector"
          range={items.map(label)}
          onChange={(x) => f.choose(items[Number(x.detail.value)])}
        >
          <View className="row" id="add-provider-user">
            <Text className="row__label">账号</Text>
            <Text id="add-provider-user-value">{chosen ? label(chosen) : '请选择'} ▾</Text>
          </View>
        </Picker>
      )}
      {e.userId ? <Notice message={e.userId} id="add-provider-user-error" /> : null}
      {chosen?.kind === 'student' ? (
        <Text className="v-item__meta" id="add-provider-supervisor">
          指导律师：{chosen.supervisorName ?? '未指定'}
          {chosen.eligible ? '' : '（尚未加入本诊所，请先添加指导律师）'}
        </Text>
      ) : null}
      {chosen?.kind === 'lawyer' ? (
        <FormField
          id="add-provider-licence"
          label="执业证号（17 位数字）"
          type="number"
          value={f.form.values.licenceNo ?? ''}
          error={e.licenceNo}
          maxlength={17}
          onChange={(v) => f.form.setField('licenceNo', v)}
        />
      ) : null}
      <FormField
        id="add-provider-intro"
        label="简介（选填）"
        value={f.form.values.intro ?? ''}
        error={e.intro}
        maxlength={200}
        onChange={(v) => f.form.setField('intro', v)}
      />
      <Notice message={f.form.formError} id="add-provider-error" />
      <Button id="add-provider-submit" className="btn btn--primary" loading={f.form.submitting} onClick={() => void f.form.submit()}>
        添加
      </Button>
      <Notice type="success" message={f.added} id="add-provider-done" />
    </View>
  );
}
