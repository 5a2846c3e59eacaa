import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { FormField } from '../../../components/FormField';
import { useCheckin } from '../../../hooks/volunteering/useCheckin';
import { formatMinutes } from '../../../hooks/volunteering/labels';
import { formatTime } from '../../../services/format';
import { isH5 } from '../../../services/nav';
import '../../../components/volunteering/volunteering.scss';

/**
 * Check in / out on site. weapp: scan the organiser's QR code (Taro.scanCode) and
 * send the position (Taro.getLocation). H5: the token arrives in the URL (`?t=`,
 * from a scanned link) or is pasted into #checkin-token; the position comes from
 * the browser's geolocation.
 */
export default function CheckinPage() {
  const params = useRouter().params;
  const c = useCheckin(params.t ? decodeURIComponent(params.t) : '', params.a ?? '');
  const r = c.result;

  return (
    <PageShell title="现场签到">
      <View className="card">
        <Text className="muted">
          请扫描组织者手机上的签到码（每 30 秒更新）。签到和签退都需要您在活动地点附近，并允许邻里获取位置。
        </Text>
        {isH5 ? (
          <FormField
            id="checkin-token"
            label="签到码"
            value={c.token}
            placeholder="扫码得到的签到码"
            maxlength={200}
            onChange={c.setToken}
          />
        ) : null}
      </View>
      <Notice message={c.action.error} id="checkin-error" />
      <Notice type="success" message={c.action.success} id="checkin-success" />
      {r ? (
        <View className="card" id="checkin-result" data-outcome={r.outcome}>
          <View className="row">
            <Text className="row__label">签到时间</Text>
            <Text>{formatTime(r.checkinAt)}</Text>
          </View>
          {r.checkoutAt ? (
            <View className="row">
              <Text className="row__label">签退时间</Text>
              <Text>{formatTime(r.checkoutAt)}</Text>
            </View>
          ) : null}
          <View className="row">
            <Text className="row__label">距活动地点</Text>
            <Text>{r.distanceM} 米</Text>
          </View>
          {r.minutes !== null ? (
            <View className="row">
              <Text className="row__label">本次时长（待确认）</Text>
              <Text id="checkin-minutes">{formatMinutes(r.minutes)}</Text>
            </View>
          ) : null}
        </View>
      ) : null}
      {r?.undoUntil && Date.parse(r.undoUntil) > Date.now() ? (
        <Button
          id="checkout-undo"
          className="btn btn--plain"
          loading={c.action.busy === 'undo'}
          onClick={() => void c.undo()}
        >
          撤销签退（{formatTime(r.undoUntil).slice(11, 16)} 前有效）
        </Button>
      ) : null}
      <View className="v-actions">
        <Button
          id="checkin-submit"
          className="btn btn--primary"
          loading={c.action.busy === 'checkin'}
          onClick={() => void (isH5 ? c.submit('checkin') : c.scanAndSubmit('checkin'))}
        >
          {isH5 ? '签到' : '扫码签到'}
        </Button>
        <Button
          id="checkout-submit"
          className="btn btn--plain"
          loading={c.action.busy === 'checkout'}
          onClick={() => void (isH5 ? c.submit('checkout') : c.scanAndSubmit('checkout'))}
        >
          {isH5 ? '签退' : '扫码签退'}
        </Button>
      </View>
      <Text className="muted">
        时长按签到至签退与班次时间的重叠计算，取整到 15 分钟；未签退将在班次结束 30 分钟后自动签退并标记。
      </Text>
    </PageShell>
  );
}
