import { useEffect } from 'react';
import { useAsync } from '../useAsync';
import { useSession } from '../useSession';
import { goLogin } from '../../services/nav';
import { hasRole } from '../../services/session';
import { volunteeringApi } from '../../services/volunteering';
import { adminTeamIds } from './labels';

/**
 * Team-admin pages: the teams this user administers (team_admin grants scoped
 * to a team; district admins may open any team by id). The server checks the
 * same on every call; this only decides what to show.
 */
export function useTeamAdmin(teamIdParam?: string) {
  const session = useSession();
  const { user, token } = session;
  useEffect(() => {
    if (!token) goLogin();
    // Role grants change when a team is certified or an admin is appointed: reload them.
    else void session.refresh().catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);
  const ids = adminTeamIds(user?.roles);
  const district = hasRole(user, 'district_admin');
  const teamId = teamIdParam || ids[0] || '';
  const allowed = !!user && !!teamId && (ids.includes(teamId) || district);
  const team = useAsync(() => volunteeringApi.team(teamId), [teamId], allowed);
  return { session, user, teamIds: ids, teamId, allowed, team: team.data?.team ?? null, teamError: team.error };
}
