import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { ZApiKeyInput } from '@shared/schemas/reports/open311';
import { useAsync } from '../useAsync';
import { useForm } from '../useForm';
import { useAction } from '../volunteering/useAction';
import { reportsAdminApi, type TApiKey } from '../../services/reports-admin';

/**
 * Open311 API keys: issue one for a named client (the key is shown this once; the server keeps
 * only its hash), list them by prefix, revoke one after a confirmation (its client stops at once).
 */
export function useApiKeys() {
  const list = useAsync(() => reportsAdminApi.apiKeys(), []);
  const action = useAction();
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  const { reload } = list;
  const form = useForm(ZApiKeyInput, { name: '' }, async (values) => {
    const r = await reportsAdminApi.issueApiKey(values);
    setIssued({ name: r.apiKey.name, key: r.key });
    form.reset({ name: '' });
    await reload();
  });
  const revoke = useCallback(
    (k: TApiKey) =>
      action.run(
        `revoke-${k.id}`,
        async () => {
          await reportsAdminApi.revokeApiKey(k.id);
          if (issued?.name === k.name) setIssued(null);
          await reload();
          return `已吊销“${k.name}”的密钥`;
        },
        { title: '吊销密钥', content: `吊销后“${k.name}”（${k.prefix}…）将无法再通过 Open311 接口提交或查询，且不能恢复。确定吊销吗？`, confirmText: '吊销', danger: true },
      ),
    [action, issued, reload],
  );
  const copy = useCallback(() => {
    if (!issued) return;
    void Taro.setClipboardData({ data: issued.key }).catch(() => undefined);
  }, [issued]);
  return { list, action, form, issued, dismiss: () => setIssued(null), revoke, copy };
}
