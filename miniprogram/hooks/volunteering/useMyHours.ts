import { useCallback, useMemo } from 'react';
import { useAsync } from '../useAsync';
import { volunteeringApi } from '../../services/volunteering';
import { downloadAuthed } from './download';
import { useAction } from './useAction';

/** Teams offered as issuers: a handful is all a page of hours holds. */
const MAX_TEAM_ISSUERS = 5;

/**
 * 我的时长与证明: totals and ledger lines, my certificates, issue (for all hours, issued by the
 * district, or for one team's, issued by that team) and download.
 */
export function useMyHours(enabled: boolean) {
  const hours = useAsync(() => volunteeringApi.myHours(), [], enabled);
  const certs = useAsync(() => volunteeringApi.myCertificates(), [], enabled);
  const action = useAction();
  const reloadCerts = certs.reload;

  // The teams I have confirmed hours with, by name: each can issue a certificate of its own.
  const teamIds = useMemo(() => {
    const ids = (hours.data?.items ?? []).filter((e) => e.status === 'confirmed').map((e) => e.teamId);
    return [...new Set(ids)].slice(0, MAX_TEAM_ISSUERS);
  }, [hours.data]);
  const teams = useAsync(
    async () => (await Promise.all(teamIds.map((t) => volunteeringApi.team(t)))).map((r) => r.team),
    [teamIds.join(',')],
    enabled && teamIds.length > 0,
  );

  const issue = useCallback(
    (teamId?: string) =>
      action.run(teamId ? `issue-${teamId}` : 'issue', async () => {
        const c = await volunteeringApi.issueCertificate(teamId);
        await reloadCerts();
        return c.status === 'pending' ? `已提交，编号 ${c.serial}，待出具单位确认` : `已生成证明，编号 ${c.serial}`;
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

  return { hours, certs, teams: teams.data ?? [], action, issue, download };
}
