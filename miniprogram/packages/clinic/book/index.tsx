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
import { TextAreaField } from '../../../components/TextAreaField';
import { useSession } from '../../../hooks/useSession';
import { useBookForm } from '../../../hooks/clinic/useResidentClinic';
import { formatTime } from '../../../services/format';
import { go, loginRoute, replace } from '../../../services/nav';
import { ROUTES, withQuery } from '../../../services/routes';
import { AttachmentPicker } from '../components/AttachmentPicker';
import { SlotPicker } from '../components/SlotPicker';
import '../../../components/volunteering/volunteering.scss';

/** Pick a slot (or a full day's waitlist), then the topic, mode, description, opposing party, files and consent. */
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
  return (
    <PageShell title={clinic?.name ?? '预约法律咨询'}>
      <View className="card">
        <Text className="card__title">1. 选择时间</Text>
        <Notice message={b.slots.error} id="book-slots-error" />
        <SlotPicker
          idPrefix="slot"
          from={b.from}
          setFrom={b.setFrom}
          slots={b.slots.data}
          loading={b.slots.loading}
          chosen={{ providerId: String(v.providerId ?? ''), startsAt: String(v.startsAt ?? '') }}
          onPick={b.pickSlot}
          onWait={b.waitFor}
          waitDay={b.waitDay}
        />
        {e.startsAt || e.providerId ? <Notice message={e.startsAt ?? e.providerId} id="book-slot-error" /> : null}
        {v.startsAt ? <Text id="book-chosen">已选：{formatTime(String(v.startsAt))}</Text> : null}
        {b.waitDay ? (
          <Text id="book-wait-chosen">
            登记 {b.waitDay} 的候补：有空出的时段时为您保留 {clinic?.waitlistHoldMinutes ?? 120} 分钟，请在时限内确认。
          </Text>
        ) : null}
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
        {b.waitDay ? null : <AttachmentPicker files={b.files} error={e.attachmentIds} />}
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
        {/* Keyed per mode: Taro H5's Stencil button cannot patch its label in place. */}
        <Button
          key={b.waitDay ? 'wait' : 'book'}
          id="book-submit"
          className="btn btn--primary"
          loading={b.form.submitting}
          onClick={() => void b.form.submit()}
        >
          {b.waitDay ? '登记候补' : '提交预约'}
        </Button>
        <Notice type="success" message={b.waitlisted} id="book-waitlisted" />
        {b.waitlisted ? (
          <Button id="book-my-waitlist" className="btn btn--plain" onClick={() => go(ROUTES.clinicMy)}>
            查看我的候补
          </Button>
        ) : null}
        <Button className="btn btn--plain" onClick={() => void Taro.navigateBack()}>
          返回
        </Button>
      </View>
    </PageShell>
  );
}
