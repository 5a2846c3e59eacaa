import { Button, Checkbox, Label, Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  CLINIC_TOPIC_LABELS,
  CONSULT_MODE_LABELS,
  type TClinicTopic,
  type TConsultMode,
} from '@shared/schemas/clinic/clinics';
import { PageShell } from '../../../components/PageShell';
import { LawTopicLink, CLINIC_TOPIC_LAW_TOPIC } from '../../../components/community/LawTopicLink';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PickerField } from '../../../components/PickerField';
import { TextAreaField } from '../../../components/TextAreaField';
import { useSession } from '../../../hooks/useSession';
import { useBookForm } from '../../../hooks/clinic/useResidentClinic';
import { todayShanghai } from '../../../hooks/volunteering/activity-form';
import { formatTime } from '../../../services/format';
import { go, loginRoute, replace } from '../../../services/nav';
import { ROUTES, withQuery } from '../../../services/routes';
import '../../../components/volunteering/volunteering.scss';

const hhmm = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);

/** Pick a slot, then the topic, mode, description, opposing party, files and consent. */
export default function ClinicBookPage() {
  const clinicId = useRouter().params.id ?? '';
  const { loggedIn } = useSession();
  const b = useBookForm(clinicId, (id) => replace(withQuery(ROUTES.clinicMy, { booking: id })));
  if (!loggedIn) {
    return (
      <PageShell title="预约法律咨询">
        <Button className="btn btn--primary" onClick={() => go(loginRoute())}>
          登录后预约
        </Button>
      </PageShell>
    );
  }
  const clinic = b.clinic.data?.clinic;
  const topics = (clinic?.topics ?? []).map((t) => t.code as TClinicTopic);
  const modes = (clinic?.modes ?? []).map((m) => m.code as TConsultMode);
  const v = b.form.values;
  const e = b.form.errors;
  const days = [...new Set((b.slots.data?.items ?? []).map((s) => s.day))];
  return (
    <PageShell title={clinic?.name ?? '预约法律咨询'}>
      <View className="card">
        <Text className="card__title">1. 选择时间</Text>
        <PickerField
          id="book-from"
          label="从哪天起"
          mode="date"
          start={todayShanghai()}
          value={b.from}
          onChange={b.setFrom}
        />
        <Notice message={b.slots.error} id="book-slots-error" />
        <View id="book-slots">
          {days.length === 0 && !b.slots.loading ? <Text className="muted">两周内暂无可预约时段</Text> : null}
          {days.map((day) => (
            <View key={day} className="v-item">
              <Text className="v-item__meta">{day}</Text>
              <View className="v-chips">
                {(b.slots.data?.items ?? [])
                  .filter((s) => s.day === day)
                  .map((s) => {
                    const on = v.providerId === s.providerId && v.startsAt === s.startsAt;
                    return (
                      <Text
                        key={`${s.providerId}-${s.startsAt}`}
                        id={`slot-${s.day}-${hhmm(s.startsAt).replace(':', '')}`}
                        className={`v-chip ${on ? 'v-chip--on' : ''}`}
                        onClick={() => b.pickSlot(s)}
                      >
                        {hhmm(s.startsAt)} {s.providerName}
                        {s.needsConflictCheck ? '（需确认回避）' : ''}
                      </Text>
                    );
                  })}
              </View>
            </View>
          ))}
        </View>
        {e.startsAt || e.providerId ? <Notice message={e.startsAt ?? e.providerId} id="book-slot-error" /> : null}
        {v.startsAt ? <Text id="book-chosen">已选：{formatTime(String(v.startsAt))}</Text> : null}
      </View>
      <View className="card">
        <Text className="card__title">2. 咨询内容</Text>
        <Picker
          mode="selector"
          range={topics.map((t) => CLINIC_TOPIC_LABELS[t])}
          onChange={(x) => b.form.setField('topic', topics[Number(x.detail.value)])}
        >
          <View className="row" id="book-topic">
            <Text className="row__label">咨询类别</Text>
            <Text id="book-topic-value">{CLINIC_TOPIC_LABELS[v.topic as TClinicTopic]} ▾</Text>
          </View>
        </Picker>
        <LawTopicLink map={CLINIC_TOPIC_LAW_TOPIC} code={v.topic} />
        <View className="v-chips" id="book-mode">
          {modes.map((m) => (
            <Text
              key={m}
              id={`book-mode-${m}`}
              className={`v-chip ${v.mode === m ? 'v-chip--on' : ''}`}
              onClick={() => b.form.setField('mode', m)}
            >
              {CONSULT_MODE_LABELS[m]}
            </Text>
          ))}
        </View>
        <TextAreaField
          id="book-description"
          label="问题简述"
          value={v.description}
          error={e.description}
          maxlength={1000}
          onChange={(x) => b.form.setField('description', x)}
        />
        <FormField
          id="book-name"
          label="您的姓名"
          value={v.client.name}
          error={e['client.name']}
          maxlength={40}
          onChange={(x) => b.form.setField('client', { ...v.client, name: x })}
        />
        <FormField
          id="book-phone"
          label="联系电话"
          type="number"
          value={v.client.phone}
          error={e['client.phone']}
          maxlength={13}
          onChange={(x) => b.form.setField('client', { ...v.client, phone: x })}
        />
        <FormField
          id="book-opposing"
          label="对方当事人（选填）"
          value={b.opposing.name}
          error={e['opposingParty.name']}
          maxlength={40}
          onChange={b.setOpposingName}
        />
        <Text className="muted">填写对方当事人后，曾为对方提供咨询的律师将回避。</Text>
        <Button id="book-attach" className="btn btn--plain" onClick={() => void b.addImage()}>
          添加图片材料（拍照或相册）
        </Button>
        <Notice message={b.uploadError} id="book-attach-error" />
        {b.attachments.map((a) => (
          <Text key={a.id} className="v-item__meta">
            已上传：{a.name}
          </Text>
        ))}
        <Label className="row" id="book-consent">
          <Checkbox
            value="consent"
            checked={v.consent === true}
            onClick={() => b.form.setField('consent', (v.consent !== true) as true)}
          />
          <Text>我同意诊所为提供咨询使用以上信息（仅接待律师、指导律师和诊所协调员可见）</Text>
        </Label>
        {e.consent ? <Notice message={e.consent} id="book-consent-error" /> : null}
        <Notice message={b.form.formError} id="book-error" />
        <Button
          id="book-submit"
          className="btn btn--primary"
          loading={b.form.submitting}
          onClick={() => void b.form.submit()}
        >
          提交预约
        </Button>
        <Button className="btn btn--plain" onClick={() => void Taro.navigateBack()}>
          返回
        </Button>
      </View>
    </PageShell>
  );
}
