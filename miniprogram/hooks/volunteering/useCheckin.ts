import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import type { TAttendanceResultDto } from '@shared/schemas/volunteering/attendance';
import { volunteeringApi } from '../../services/volunteering';
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
    (kind: 'checkin' | 'checkout', override?: string) =>
      action.run(kind, async () => {
        const parsed = parseScanned(override ?? token);
        if (!parsed.token) throw new Error('请先扫描现场签到码');
        const activityId = parsed.activityId ?? fallbackActivityId;
        if (!activityId) throw new Error('签到码无法识别，请重新扫描');
        const location = await currentPosition();
        const body = { activityId, token: parsed.token, location };
        const r = kind === 'checkin' ? await volunteeringApi.checkin(body) : await volunteeringApi.checkout(body);
        setResult(r);
        return kind === 'checkin' ? '签到成功' : '签退成功，服务时长待团队确认';
      }),
    [action, token, fallbackActivityId],
  );

  /** weapp: scan, then submit at once (one tap for the volunteer). */
  const scanAndSubmit = useCallback(
    async (kind: 'checkin' | 'checkout') => {
      const t = await scan();
      if (t) await submit(kind, t);
    },
    [scan, submit],
  );

  return { token, setToken, result, action, submit, scanAndSubmit };
}
