import { useCallback } from 'react';
import { useAsync } from '../useAsync';
import { volunteeringApi } from '../../services/volunteering';
import { go } from '../../services/nav';
import { CONFIRM } from './confirmations';
import { rememberHelpDraft } from './help-draft';
import { VROUTES, withQuery } from './routes';
import { useAction } from './useAction';

/** Public help requests a team can take up; taking one opens the publish form prefilled from it. */
export function useTeamHelp(teamId: string, enabled: boolean) {
  const list = useAsync(() => volunteeringApi.helpRequests(), [], enabled);
  const action = useAction();
  const take = useCallback(
    (helpId: string) =>
      action.run(
        `take-${helpId}`,
        async () => {
          const r = await volunteeringApi.takeHelpRequest(helpId, teamId);
          rememberHelpDraft(r.activityDraft);
          go(withQuery(VROUTES.teamPublish, { team: teamId, help: helpId }));
          return '已认领，请完善活动信息后发布';
        },
        CONFIRM.takeHelp,
      ),
    [action, teamId],
  );
  const open = (list.data?.items ?? []).filter((h) => h.status === 'published');
  return { list, open, action, take };
}
