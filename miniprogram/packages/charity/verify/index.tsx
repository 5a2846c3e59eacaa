import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { fenToYuan } from '@shared/schemas/donations';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { useAction } from '../../../hooks/volunteering/useAction';
import { donationsApi } from '../../../services/donations';
import { formatDate } from '../../../services/format';
import '../charity.scss';

type TVerification = Awaited<ReturnType<typeof donationsApi.verifyReceipt>>;

/** Public check of a 捐赠确认 by its serial: project, charity, amount and date, never the donor. */
export default function ReceiptVerifyPage() {
  const initial = decodeURIComponent(useRouter().params.serial ?? '');
  const [serial, setSerial] = useState(initial);
  const [result, setResult] = useState<TVerification | null>(null);
  const action = useAction();
  const verify = (s: string) =>
    action.run('verify', async () => {
      setResult(null);
      if (!s.trim()) throw new Error('请输入捐赠确认编号');
      setResult(await donationsApi.verifyReceipt(s.trim()));
    });
  useEffect(() => {
    if (initial) void verify(initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial]);

  return (
    <PageShell title="捐赠确认核验">
      <View className="card">
        <FormField id="receipt-serial" label="捐赠确认编号" value={serial} maxlength={24} placeholder="DN-20261205-XXXXXXXXXX" onChange={setSerial} />
        <Button id="receipt-verify" className="btn btn--primary" loading={action.busy === 'verify'} onClick={() => void verify(serial)}>
          核验
        </Button>
      </View>
      <Notice message={action.error} id="receipt-error" />
      {result ? (
        <View className="card" id="receipt-result" data-serial={result.serial}>
          <Text className="card__title" id="receipt-valid">
            ✓ {result.label}真实有效
          </Text>
          <View className="row">
            <Text className="row__label">编号</Text>
            <Text>{result.serial}</Text>
          </View>
          <View className="row">
            <Text className="row__label">项目</Text>
            <Text id="receipt-project">{result.projectTitle}</Text>
          </View>
          <View className="row">
            <Text className="row__label">机构</Text>
            <Text>{result.charityName}</Text>
          </View>
          <View className="row">
            <Text className="row__label">公开募捐备案号</Text>
            <Text>{result.filingNumber}</Text>
          </View>
          <View className="row">
            <Text className="row__label">金额</Text>
            <Text id="receipt-amount">
              {result.amountFen !== null ? `${fenToYuan(result.amountFen)} 元` : ''}
              {result.refundedFen ? `（已退款 ${fenToYuan(result.refundedFen)} 元）` : ''}
            </Text>
          </View>
          <View className="row">
            <Text className="row__label">支付日期</Text>
            <Text>{formatDate(result.paidAt)}</Text>
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
