import { Button, Text, View } from '@tarojs/components';
import type { TSignupDto } from '@shared/schemas/volunteering/signups';
import { SIGNUP_STATUS_LABELS, formatRange } from '../../hooks/volunteering/labels';
import { formatTime } from '../../services/format';

interface Props {
  signup: TSignupDto;
  busy: string | null;
  showActivity?: boolean;
  onCancel?: (id: string) => void;
  onAccept?: (id: string) => void;
  onCheckin?: (s: TSignupDto) => void;
  onOpen?: (s: TSignupDto) => void;
}

const CANCELLABLE = ['confirmed', 'waitlisted', 'offered', 'pending_approval'];

/** One of my signups: status (候补位次, 转正确认期限, 签到记录) and what I can do next. */
export function SignupRow({ signup: s, busy, showActivity, onCancel, onAccept, onCheckin, onOpen }: Props) {
  return (
    <View className="card v-item signup-row" id={`signup-${s.id}`} data-status={s.status}>
      {showActivity && s.activity ? (
        <Text className="v-item__title" onClick={onOpen ? () => onOpen(s) : undefined}>
          {s.activity.title}
        </Text>
      ) : null}
      <Text className="v-item__meta">{formatRange(s.shift.start, s.shift.end)}</Text>
      <View>
        <Text
          className={`v-badge signup-status${s.status === 'confirmed' ? '' : ' v-badge--warn'}`}
          id={`signup-${s.id}-status`}
        >
          {SIGNUP_STATUS_LABELS[s.status] ?? s.status}
        </Text>
        {s.status === 'waitlisted' && s.aheadOfYou ? (
          <Text className="v-item__meta" id={`signup-${s.id}-position`}>
            候补第 {s.aheadOfYou} 位
          </Text>
        ) : null}
        {s.status === 'offered' && s.offerExpiresAt ? (
          <Text className="v-item__meta">请在 {formatTime(s.offerExpiresAt)} 前确认，逾期名额将顺延给下一位</Text>
        ) : null}
        {s.checkinAt ? <Text className="v-item__meta">签到 {formatTime(s.checkinAt)}</Text> : null}
        {s.checkoutAt ? (
          <Text className="v-item__meta">
            签退 {formatTime(s.checkoutAt)}
            {s.autoCheckedOut ? '（系统自动签退）' : ''}
          </Text>
        ) : null}
        {s.note ? (
          <Text className="v-item__meta" id={`signup-${s.id}-note`}>
            我的备注：{s.note}
            {s.noteUnderReview ? '（审核中，通过后团队可见）' : ''}
          </Text>
        ) : null}
        {s.reason ? <Text className="v-item__meta">原因：{s.reason}</Text> : null}
      </View>
      <View className="v-actions">
        {s.status === 'offered' && onAccept ? (
          <Button
            id={`signup-${s.id}-accept`}
            className="btn btn--primary"
            loading={busy === `accept-${s.id}`}
            onClick={() => onAccept(s.id)}
          >
            确认参加
          </Button>
        ) : null}
        {s.status === 'confirmed' && !s.checkoutAt && onCheckin ? (
          <Button id={`signup-${s.id}-checkin`} className="btn btn--primary" onClick={() => onCheckin(s)}>
            {s.checkinAt ? '扫码签退' : '扫码签到'}
          </Button>
        ) : null}
        {CANCELLABLE.includes(s.status) && !s.checkinAt && onCancel ? (
          <Button
            id={`signup-${s.id}-cancel`}
            className="btn btn--danger"
            loading={busy === `cancel-${s.id}`}
            onClick={() => onCancel(s.id)}
          >
            取消报名
          </Button>
        ) : null}
      </View>
    </View>
  );
}
