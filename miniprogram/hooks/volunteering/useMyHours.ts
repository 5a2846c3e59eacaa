import { useCallback } from 'react';
import { useAsync } from '../useAsync';
import { volunteeringApi } from '../../services/volunteering';
import { downloadAuthed } from './download';
import { useAction } from './useAction';

/** 我的时长与证明: totals and ledger lines, my certificates, issue and download. */
export function useMyHours(enabled: boolean) {
  const hours = useAsync(() => volunteeringApi.myHours(), [], enabled);
  const certs = useAsync(() => volunteeringApi.myCertificates(), [], enabled);
  const action = useAction();
  const reloadCerts = certs.reload;

  const issue = useCallback(
    (teamId?: string) =>
      action.run('issue', async () => {
        const c = await volunteeringApi.issueCertificate(teamId);
        await reloadCerts();
        return `已生成证明，编号 ${c.serial}`;
      }),
    [action, reloadCerts],
  );

  const download = useCallback(
    (serial: string) =>
      action.run(`download-${serial}`, () =>
        downloadAuthed(volunteeringApi.certificatePdfUrl(serial), `志愿服务记录证明-${serial}.pdf`, 'pdf'),
      ),
    [action],
  );

  return { hours, certs, action, issue, download };
}
