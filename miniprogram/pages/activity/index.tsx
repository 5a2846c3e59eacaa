import { PageShell } from '../../components/PageShell';
import { ActivityDiscover } from '../../components/volunteering/ActivityDiscover';
import { useSession } from '../../hooks/useSession';

/** 活动 tab: discover volunteer activities (list logic in hooks/volunteering/useActivityDiscover). */
export default function ActivityPage() {
  const { loggedIn } = useSession();
  return (
    <PageShell title="志愿活动">
      <ActivityDiscover loggedIn={loggedIn} />
    </PageShell>
  );
}
