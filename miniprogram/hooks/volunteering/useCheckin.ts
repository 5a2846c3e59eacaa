import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import type { TAttendanceResultDto } from '@shared/schemas/volunteering/attendance';
import { volunteeringApi } from '../../services/volunteering';
import { confirmAction, toastSuccess } from '../../services/confirm';
import { currentPosition } from './location';
import { useAction } from './useAction';
import { parseScanned } from './scan';

export { parseScanned } from './scan';

/** Scan to check in / out: the organiser's rotating token + where the volunteer stands. */
export function useCheckin(initialToken = '', fallbackActivityId = '') {
  const [token, setToken] = useState(initialToken);
  const [result, setResult] = useState<TAttendanceResultDto | null>(null);
  const action = useAction();

  const scan = useCallback(async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      setToken(parseScanned(r.result).token);
      return parseScanned(r.result).token;
    } catch {
      return null;
    }
  }, []);

  const submit = useCallback(
    async (kind: 'checkin' | 'checkout', override?: string) => {
      if (kind === 'checkout' && !(await confirmCheckout())) return false;
      return action.run(kind, async () => {
        const parsed = parseScanned(override ?? token);
        if (!parsed.token) throw new Error('请先扫描现场签到码');
        const activityId = parsed.activityId ?? fallbackActivityId;
        if (!activityId) throw new Error('签到码无法识别，请重新扫描');
        const location = await currentPosition();
        const body = { activityId, token: parsed.token, location };
        const r = kind === 'checkin' ? await volunteeringApi.checkin(body) : await volunteeringApi.checkout(body);
        setResult(r);
        return kind === 'checkin' ? '签到成功' : '签退成功，服务时长待团队确认；10 分钟内可撤销';
      });
    },
    [action, token, fallbackActivityId],
  );

  /** Takes back a mis-tapped 签退 (server: within 10 minutes, before the team confirms). */
  const undo = useCallback(async () => {
    if (!result) return;
    const ok = await confirmAction({
      title: '撤销签退',
      content: '撤销后恢复为已签到，本次签退记录的时长作废，请在离开前重新签退。',
      confirmText: '撤销签退',
    });
    if (!ok) return;
    const done = await action.run('undo', async () => {
      setResult(await volunteeringApi.undoCheckout(result.signupId));
      return '已撤销签退，您仍处于签到状态';
    });
    if (done) toastSuccess('已撤销签退');
  }, [action, result]);

  /** weapp: scan, then submit at once (one tap for the volunteer). */
  const scanAndSubmit = useCallback(
    async (kind: 'checkin' | 'checkout') => {
      const t = await scan();
      if (t) await submit(kind, t);
    },
    [scan, submit],
  );

  return { token, setToken, result, action, submit, scanAndSubmit, undo };
}

/** 签退 ends the service time: one mis-tap should not do it. */
function confirmCheckout(): Promise<boolean> {
  return confirmAction({
    title: '确认签退',
    content: '签退后按签到至签退计算本次服务时长，提交团队确认。10 分钟内可以撤销。',
    confirmText: '签退',
  });
}
