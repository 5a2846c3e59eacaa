import { useRef, useState } from 'react';
import { fenToYuan } from '@shared/schemas/donations';
import { donationsApi, yuanToFen, type TAdminDonation } from '../../services/donations';
import { formErrorsFrom } from '../../services/form-errors';
import { newIdempotencyKey } from '../../services/request';
import { useAction } from '../volunteering/useAction';

/** A refund of one donation: amount (yuan) and reason checked here, then confirmed, then sent once. */
export function useRefund(onDone: () => void) {
  const action = useAction();
  const [target, setTarget] = useState<TAdminDonation | null>(null);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const key = useRef<string | null>(null);

  const open = (d: TAdminDonation | null) => {
    setTarget(d);
    setAmount('');
    setReason('');
    setErrors({});
    key.current = null;
  };

  const submit = async () => {
    if (!target) return;
    const fen = yuanToFen(amount);
    const refundable = target.amountFen - target.refundedFen;
    const local: Record<string, string> = {};
    if (fen === null || fen < 1) local.amountFen = '请输入正确的退款金额（元，最多两位小数）';
    else if (fen > refundable) local.amountFen = `最多可退 ${fenToYuan(refundable)} 元`;
    if (reason.trim().length < 2) local.reason = '请填写退款原因（至少 2 个字）';
    setErrors(local);
    if (Object.keys(local).length || fen === null) return;
    key.current ??= newIdempotencyKey();
    const ok = await action.run(
      'refund',
      async () => {
        try {
          const r = await donationsApi.refund(target.id, { amountFen: fen, reason: reason.trim() }, key.current!);
          return `已申请退款 ${fenToYuan(r.refund.amountFen)} 元（${r.refund.status === 'succeeded' ? '已退款' : '处理中'}）`;
        } catch (e) {
          setErrors(formErrorsFrom(e).fields);
          throw e;
        }
      },
      { title: '确认退款', content: `向捐赠人退回 ${fenToYuan(fen)} 元，原路退回且不可撤销。确定退款吗？`, confirmText: '退款', danger: true },
    );
    if (ok) {
      setTarget(null);
      onDone();
    }
  };

  return { action, target, open, amount, setAmount, reason, setReason, errors, submit };
}
