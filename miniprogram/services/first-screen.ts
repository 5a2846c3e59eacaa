/**
 * The first reads of the pages a resident most often opens from a shared link, started while the
 * app's scripts evaluate (see services/early.ts for why). The page hooks read through the same
 * functions, so the key a read is started under is the key it is taken with.
 */
import { buildActivityQuery, DEFAULT_DISCOVER_FILTERS } from '../hooks/volunteering/discover-query';
import { early, startEarly } from './early';
import { ROUTES } from './routes';
import { getToken } from './session';
import { volunteeringApi, type TActivityQuery } from './volunteering';

const listKey = (q: TActivityQuery) => `activities?${JSON.stringify(q)}`;
const activityKey = (id: string) => `activity/${id}`;

/** A page of the activity list (the 活动 tab, a team's activities). */
export const readActivityList = (q: TActivityQuery) => early(listKey(q), () => volunteeringApi.activities(q));

/** One activity with its shifts and my signups. */
export const readActivity = (id: string) => early(activityKey(id), () => volunteeringApi.activity(id));

/**
 * Starts the first read of the page an H5 address opens (`#/pages/activity/index`,
 * `#/packages/volunteer/activity/index?id=…`); other pages start nothing.
 *
 * Only for a visitor without a session: an anonymous read has no side effects, while a signed-in
 * read can answer 401 or consent_required, which navigate (to login, to the privacy policy) and
 * must not fire before the app has mounted its router. Signed-in pages read as they always did.
 */
export function startFirstScreenReads(hash: string): void {
  if (getToken()) return;
  const [route, search = ''] = hash.replace(/^#/, '').split('?');
  if (route === ROUTES.activities) {
    const q = buildActivityQuery(DEFAULT_DISCOVER_FILTERS, null, 1);
    startEarly(listKey(q), () => volunteeringApi.activities(q));
  } else if (route === ROUTES.activity) {
    const id = new URLSearchParams(search).get('id');
    if (id) startEarly(activityKey(id), () => volunteeringApi.activity(id));
  }
}
