import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { TCertificateVerificationDto } from '@shared/schemas/volunteering/certificates';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { FormField } from '../../../components/FormField';
import { useAction } from '../../../hooks/volunteering/useAction';
import { volunteeringApi } from '../../../services/volunteering';
import { formatDate } from '../../../services/format';

/** Public verification of a service-record certificate by serial: authenticity only, no personal data. */
export default function VerifyPage() {
  const initial = useRouter().params.serial ?? '';
  const [serial, setSerial] = useState(decodeURIComponent(initial));
  const [result, setResult] = useState<TCertificateVerificationDto | null>(null);
  const action = useAction();

  const verify = (s: string) =>
    action.run('verify', async () => {
      setResult(null);
      if (!s.trim()) throw new Error('请输入证明编号');
      setResult(await volunteeringApi.verifyCertificate(s.trim()));
    });

  useEffect(() => {
    if (initial) void verify(decodeURIComponent(initial));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial]);

  return (
    <PageShell title="志愿服务记录证明查验">
      <View className="card">
        <FormField id="verify-serial" label="证明编号" value={serial} maxlength={40} onChange={setSerial} />
        <Button
          id="verify-submit"
          className="btn btn--primary"
          loading={action.busy === 'verify'}
          onClick={() => void verify(serial)}
        >
          查验
        </Button>
      </View>
      <Notice message={action.error} id="verify-error" />
      {result ? (
        <View className="card" id="verify-result" data-serial={result.serial}>
          <Text className="card__title" id="verify-authentic">
            ✓ 证明真实有效
          </Text>
          <View className="row">
            <Text className="row__label">编号</Text>
            <Text id="verify-result-serial">{result.serial}</Text>
          </View>
          <View className="row">
            <Text className="row__label">志愿者</Text>
            <Text>{result.holderNameMasked}</Text>
          </View>
          <View className="row">
            <Text className="row__label">服务时长</Text>
            <Text id="verify-hours">{result.totalHours} 小时</Text>
          </View>
          <View className="row">
            <Text className="row__label">出具单位</Text>
            <Text>{result.issuer}</Text>
          </View>
          <View className="row">
            <Text className="row__label">出具日期</Text>
            <Text>{formatDate(result.issuedAt)}</Text>
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
