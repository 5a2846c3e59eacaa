import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { DONATION_LIMITS, fenToYuan } from '@shared/schemas/donations';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { PickerField } from '../../../components/PickerField';
import { TextAreaField } from '../../../components/TextAreaField';
import { ImagesField } from '../../../components/charity/ImagesField';
import { useAsync } from '../../../hooks/useAsync';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { useAction } from '../../../hooks/volunteering/useAction';
import { PROOF_UPLOAD_PATH, donationsApi, yuanToFen, type TImageUpload } from '../../../services/donations';
import { formErrorsFrom } from '../../../services/form-errors';
import '../../charity/charity.scss';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** District admin: record a disbursement (amount, purpose, date, proof images); it shows in the public ledger. */
export default function DisbursePage() {
  useStaffGuard();
  const projectId = useRouter().params.id ?? '';
  const project = useAsync(() => donationsApi.project(projectId), [projectId]);
  const action = useAction();
  const [amount, setAmount] = useState('');
  const [purpose, setPurpose] = useState('');
  const [date, setDate] = useState(today());
  const [proofs, setProofs] = useState<TImageUpload[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = () => {
    const fen = yuanToFen(amount);
    const local: Record<string, string> = {};
    if (fen === null || fen < 1) local.amountFen = '请输入正确的拨付金额（元）';
    if (purpose.trim().length < 2) local.purpose = '请填写用途（至少 2 个字）';
    if (!proofs.length) local.proofImageIds = '请上传至少一张凭证图片';
    setErrors(local);
    if (Object.keys(local).length || fen === null) return;
    void action.run(
      'disburse',
      async () => {
        try {
          await donationsApi.disburse(projectId, { amountFen: fen, purpose: purpose.trim(), proofImageIds: proofs.map((p) => p.id), disbursedAt: new Date(`${date}T12:00:00+08:00`).toISOString() });
        } catch (e) {
          setErrors(formErrorsFrom(e).fields);
          throw e;
        }
        setAmount('');
        setPurpose('');
        setProofs([]);
        void project.reload();
        return `已登记拨付 ${fenToYuan(fen)} 元，公开账目已更新`;
      },
      { title: '登记拨付', content: `拨付 ${fenToYuan(fen)} 元将公开显示在项目账目中，确定登记吗？`, confirmText: '登记' },
    );
  };

  return (
    <PageShell title="登记拨付">
      {project.data ? (
        <View className="card ch-item">
          <Text className="ch-title">{project.data.title}</Text>
          <Text className="ch-meta" id="disburse-balance">{`当前余额 ${fenToYuan(project.data.totals.balanceFen)} 元`}</Text>
        </View>
      ) : null}
      <Notice message={project.error ?? action.error} id="disburse-error" />
      <Notice message={action.success} type="success" id="disburse-message" />
      <View className="card ch-item" id="disburse-form">
        <FormField id="disburse-amount" label="拨付金额（元）" type="digit" value={amount} error={errors.amountFen} onChange={setAmount} />
        <TextAreaField id="disburse-purpose" label="用途" value={purpose} error={errors.purpose} maxlength={DONATION_LIMITS.purposeMax} height={120} onChange={setPurpose} />
        <PickerField id="disburse-date" label="拨付日期" mode="date" value={date} end={today()} error={errors.disbursedAt} onChange={setDate} />
        <ImagesField id="disburse-proofs" label={`凭证图片（1–${DONATION_LIMITS.proofImagesMax} 张）`} path={PROOF_UPLOAD_PATH} value={proofs} max={DONATION_LIMITS.proofImagesMax} error={errors.proofImageIds} onChange={setProofs} />
        <Button id="disburse-submit" className="btn btn--primary" loading={action.busy === 'disburse'} onClick={submit}>
          登记拨付
        </Button>
      </View>
    </PageShell>
  );
}
