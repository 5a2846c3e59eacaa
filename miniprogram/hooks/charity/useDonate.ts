import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import QRCode from 'qrcode';
import { DONATION_LIMITS } from '@shared/schemas/donations';
import { donationsApi, yuanToFen, type TDonation, type TOrderCreated } from '../../services/donations';
import { formErrorsFrom } from '../../services/form-errors';
import { newIdempotencyKey } from '../../services/request';

const POLL_MS = 2000;

export interface TDonateDraft {
  presetFen: number | null;
  customYuan: string;
  message: string;
  anonymous: boolean;
}

/**
 * The donate flow: an amount (a preset or yuan typed, sent as fen), then one order per attempt
 * (the Idempotency-Key lives until the attempt ends, so a retried tap never makes a second order).
 * weapp pays with wx.requestPayment and the signed params; H5 shows the Native code_url as a QR
 * code. Either way the page polls the order until the verified notification marks it paid.
 */
export function useDonate(projectId: string) {
  const [draft, setDraft] = useState<TDonateDraft>({ presetFen: DONATION_LIMITS.presetsFen[1] ?? null, customYuan: '', message: '', anonymous: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [order, setOrder] = useState<TOrderCreated | null>(null);
  const [donation, setDonation] = useState<TDonation | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const attemptKey = useRef<string | null>(null);

  const set = <K extends keyof TDonateDraft>(k: K, v: TDonateDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const amountFen = draft.customYuan.trim() ? yuanToFen(draft.customYuan) : draft.presetFen;

  const submit = useCallback(async () => {
    setFormError(null);
    const fen = draft.customYuan.trim() ? yuanToFen(draft.customYuan) : draft.presetFen;
    if (fen === null) return setErrors({ amountFen: '请输入正确的金额（元，最多两位小数）' });
    if (fen < DONATION_LIMITS.minFen) return setErrors({ amountFen: `单笔捐赠至少 ${DONATION_LIMITS.minFen / 100} 元` });
    if (fen > DONATION_LIMITS.maxFen) return setErrors({ amountFen: `单笔捐赠不能超过 ${DONATION_LIMITS.maxFen / 100} 元` });
    setErrors({});
    setBusy(true);
    attemptKey.current ??= newIdempotencyKey();
    try {
      const weapp = process.env.TARO_ENV === 'weapp';
      const created = await donationsApi.donate(
        projectId,
        { amountFen: fen, message: draft.message.trim() || undefined, anonymous: draft.anonymous, channel: weapp ? 'jsapi' : 'native' },
        attemptKey.current,
      );
      setOrder(created);
      setDonation(created.donation);
      if (created.codeUrl) {
        setQr(await QRCode.toDataURL(created.codeUrl, { margin: 1, width: 240 }));
      }
      if (created.payParams) {
        // The payment result the page trusts is the notification the server verified, not this call's.
        await Taro.requestPayment({ ...created.payParams }).catch(() => undefined);
      }
    } catch (e) {
      const f = formErrorsFrom(e);
      setErrors(f.fields);
      setFormError(f.form);
    } finally {
      setBusy(false);
    }
  }, [draft, projectId]);

  const orderId = order?.donation.id;
  const pending = donation?.status === 'pending';
  useEffect(() => {
    if (!orderId || !pending) return undefined;
    const timer = setInterval(() => {
      donationsApi.myDonation(orderId).then(
        (d) => {
          setDonation(d);
          if (d.status !== 'pending') attemptKey.current = null;
        },
        () => undefined,
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [orderId, pending]);

  /** Another donation: a new attempt with a new key. */
  const again = () => {
    attemptKey.current = null;
    setOrder(null);
    setDonation(null);
    setQr(null);
  };

  return { draft, set, errors, formError, busy, amountFen, order, donation, qr, submit, again };
}
