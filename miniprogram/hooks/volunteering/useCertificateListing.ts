import { certificateAdminApi } from '../../services/identity';
import { useAsync } from '../useAsync';

/** The 7-day 公示 of confirmed certificates: a team's (its members) or the district's (teamId empty). */
export function useCertificateListing(teamId: string | undefined, enabled: boolean) {
  return useAsync(() => certificateAdminApi.listed(teamId || undefined), [teamId], enabled);
}
