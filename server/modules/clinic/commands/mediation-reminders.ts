/**
 * The day-before reminder of a mediation session: a subscribe message (and inbox item) to each
 * party with an account and to the case's mediator, for every session of an open case starting
 * tomorrow (Asia/Shanghai), once per session however often or concurrently the sweep runs.
 */
import type { AppDeps } from '../../../deps';
import { shanghaiTime } from '../../../platform/time';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import type { Notice } from '../../notifications';
import { appLinks } from '@shared/links';
import { DISPUTE_TYPE_LABELS } from '@shared/schemas/clinic/mediation';
import { MediationCase, Reminder, type MediationCaseDoc } from '../model';
import { dueMediationSessions } from '../queries';
import { partyNotices } from './mediation';
import { isDuplicate, tomorrowWindow } from './reminders';

type Session = MediationCaseDoc['sessions'][number];

function sessionReminders(c: MediationCaseDoc, s: Session): Notice[] {
  const when = shanghaiTime(s.at);
  const body = `明天 ${when.slice(-5)} 在 ${s.place} 进行${DISPUTE_TYPE_LABELS[c.disputeType]}调解，请准时参加。`;
  const key = `reminder_day_before:${s.at.toISOString()}`;
  const data = {
    thing1: `${DISPUTE_TYPE_LABELS[c.disputeType]}调解`.slice(0, 20),
    time2: when,
    thing3: s.place.slice(0, 20),
  };
  const title = '调解提醒';
  const mediator: Notice[] = c.mediator
    ? [
        {
          user: String(c.mediator),
          title,
          body,
          link: appLinks.mediationCase(String(c._id)),
          dedupeKey: `mediation:${key}:${String(c._id)}:${String(c.mediator)}`,
        },
      ]
    : [];
  return [...partyNotices(c, title, body, key), ...mediator].map((n) => ({
    ...n,
    templateKey: 'mediationReminder' as const,
    data,
  }));
}

/** Sends the due mediation-session reminders; returns how many sessions were reminded by this run. */
export async function sendMediationReminders(deps: AppDeps): Promise<number> {
  const window = tomorrowWindow(deps.now());
  if (!window) return 0;
  const cases = await dueMediationSessions(window.from, window.to);
  let sent = 0;
  for (const c0 of cases) {
    for (const s of c0.sessions.filter((x) => x.at >= window.from && x.at < window.to)) {
      try {
        // As for consultations: the key and the event commit together, so a session is reminded once.
        const ok = await inUnitOfWork(deps, async (uow) => {
          await Reminder.create([
            {
              key: `${String(c0._id)}:${s.at.toISOString()}:mediation_day_before`,
              mediationCase: c0._id,
              kind: 'mediation_day_before',
              at: s.at,
            },
          ]);
          // Re-read inside: a case closed since the query is not reminded.
          const c = await MediationCase.findOne({ _id: c0._id, status: 'open' }).lean<MediationCaseDoc>();
          if (!c) return uow.rollback(false);
          uow.emit({
            type: 'mediation.reminded',
            aggregate: `mediation_case:${String(c._id)}`,
            payload: { caseId: String(c._id), sessionAt: s.at.toISOString(), notices: sessionReminders(c, s) },
          });
          return true;
        });
        if (ok) sent += 1;
      } catch (e) {
        if (!isDuplicate(e)) throw e;
      }
    }
  }
  return sent;
}
