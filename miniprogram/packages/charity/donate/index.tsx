import { Button, Image, Input, Switch, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { DONATION_LIMITS, fenToYuan } from '@shared/schemas/donations';
import { FieldShell } from '../../../components/FieldShell';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { TextAreaField } from '../../../components/TextAreaField';
import { useAsync } from '../../../hooks/useAsync';
import { useDonate } from '../../../hooks/charity/useDonate';
import { donationsApi } from '../../../services/donations';
import { ROUTES, go } from '../../../services/nav';
import { withQuery } from '../../../services/routes';
import '../charity.scss';

/** Back to the project page this one was opened from (it reloads on show), or open it. */
function backToProject(projectId: string): void {
  const pages = Taro.getCurrentPages();
  const previous = pages[pages.length - 2]?.route ?? '';
  if (previous.includes('packages/charity/project/')) void Taro.navigateBack();
  else go(withQuery(ROUTES.charityProject, { id: projectId }));
}

/** Donate: an amount (presets or yuan), a message, anonymity; then pay (weapp) or scan the QR code (H5) until paid. */
export default function DonatePage() {
  const projectId = useRouter().params.id ?? '';
  const project = useAsync(() => donationsApi.project(projectId), [projectId]);
  const d = useDonate(projectId);
  const { draft, set, errors, donation, order } = d;
  const paid = donation?.status === 'paid';

  return (
    <PageShell title="我要捐赠">
      {project.data ? (
        <View className="card ch-item">
          <Text className="ch-title" id="donate-project">{project.data.title}</Text>
          <Text className="ch-notice">{project.data.fundraisingNotice}</Text>
        </View>
      ) : null}
      {!order ? (
        <View className="card ch-item" id="donate-form">
          <FieldShell id="donate-amount" label="捐赠金额（元）" error={errors.amountFen}>
            <View className="ch-presets">
              {DONATION_LIMITS.presetsFen.map((fen) => (
                <Text
                  key={fen}
                  id={`donate-preset-${fen}`}
                  className={`ch-preset${!draft.customYuan && draft.presetFen === fen ? ' ch-preset--on' : ''}`}
                  onClick={() => {
                    set('customYuan', '');
                    set('presetFen', fen);
                  }}
                >
                  {fen / 100} 元
                </Text>
              ))}
            </View>
            <Input
              id="donate-custom"
              className="field__input"
              type="digit"
              placeholder={`其他金额，${DONATION_LIMITS.minFen / 100}–${DONATION_LIMITS.maxFen / 100} 元`}
              value={draft.customYuan}
              maxlength={12}
              onInput={(e) => set('customYuan', e.detail.value)}
            />
          </FieldShell>
          <TextAreaField
            id="donate-message"
            label="留言（可不填）"
            value={draft.message}
            error={errors.message}
            maxlength={DONATION_LIMITS.messageMax}
            height={120}
            onChange={(v) => set('message', v)}
          />
          <View className="v-item">
            <Text>匿名捐赠（公开账目显示为爱心人士）</Text>
            <Switch id="donate-anonymous" checked={draft.anonymous} onChange={(e) => set('anonymous', e.detail.value)} />
          </View>
          <Notice message={d.formError} id="donate-error" />
          {/* No `loading` here: the label follows the amount, and Taro's H5 button cannot insert its spinner while its text changes. */}
          <Button id="donate-submit" className="btn btn--primary" disabled={d.busy} onClick={() => void d.submit()}>
            {d.busy ? '正在创建订单…' : d.amountFen ? `捐赠 ${fenToYuan(d.amountFen)} 元` : '捐赠'}
          </Button>
        </View>
      ) : (
        <View className="card ch-item" id="donate-order" data-out-trade-no={order.donation.outTradeNo} data-status={donation?.status ?? ''}>
          <Text className="ch-title">{`捐赠 ${fenToYuan(order.donation.amountFen)} 元`}</Text>
          <Text id="donate-status">{donation?.statusLabel}</Text>
          {!paid && d.qr ? (
            <View className="ch-item">
              <Image id="donate-qr" className="ch-qr" src={d.qr} mode="aspectFit" />
              <Text className="ch-meta">请使用微信扫一扫支付，支付完成后本页自动更新</Text>
            </View>
          ) : null}
          {paid ? (
            <View className="ch-item" id="donate-paid">
              <Text className="card__title">感谢您的爱心捐赠！</Text>
              <Text className="ch-meta">{`捐赠确认编号：${donation?.receiptSerial ?? ''}`}</Text>
              <Button id="donate-back" className="btn btn--primary" onClick={() => backToProject(projectId)}>
                查看项目账目
              </Button>
              <Button id="donate-mine" className="btn btn--plain" onClick={() => go(ROUTES.charityMine)}>
                我的捐赠
              </Button>
            </View>
          ) : null}
          {donation?.status === 'closed' ? (
            <Button id="donate-again" className="btn btn--plain" onClick={d.again}>
              订单已关闭，重新捐赠
            </Button>
          ) : null}
        </View>
      )}
    </PageShell>
  );
}
