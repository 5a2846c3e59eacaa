/** The publish form's draft and its conversion to the API body (pure; unit-tested). */
import type { TActivityCategory, TActivityDetailDto } from '@shared/schemas/volunteering/activities';
import type { TActivityDraftDto } from '@shared/schemas/volunteering/help-requests';
import { isoToShanghai, shanghaiToIso, splitTagsLoose } from './labels';

export interface TShiftDraft {
  shiftId?: string;
  date: string;
  start: string;
  end: string;
  capacity: string;
  /** The shift ends the next day (an end at or before the start is otherwise an error). */
  overnight: boolean;
}

export interface TActivityDraft {
  title: string;
  description: string;
  coverUrl: string;
  address: string;
  location?: { lng: number; lat: number };
  category: TActivityCategory;
  requiredSkills: string;
  signupDate: string;
  signupTime: string;
  cancelDate: string;
  cancelTime: string;
  checkinRadiusM: string;
  requiresApproval: boolean;
  checkinRequired: boolean;
  shifts: TShiftDraft[];
}

/** Tomorrow in Beijing (YYYY-MM-DD): a new shift's default day. */
export function tomorrowShanghai(now = Date.now()): string {
  return new Date(now + 8 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
}

/** Today in Beijing: the earliest day the date pickers offer. */
export function todayShanghai(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

export const blankShift = (): TShiftDraft => ({
  date: tomorrowShanghai(),
  start: '09:00',
  end: '11:00',
  capacity: '10',
  overnight: false,
});

export const EMPTY_ACTIVITY: TActivityDraft = {
  title: '',
  description: '',
  coverUrl: '',
  address: '',
  category: 'community_service',
  requiredSkills: '',
  signupDate: '',
  signupTime: '',
  cancelDate: '',
  cancelTime: '',
  checkinRadiusM: '300',
  requiresApproval: false,
  checkinRequired: true,
  shifts: [],
};

/** A fresh form: one shift tomorrow (computed when the form opens, not when the bundle loads). */
export const emptyActivity = (): TActivityDraft => ({ ...EMPTY_ACTIVITY, shifts: [blankShift()] });

/**
 * A team taking up a help request starts from it: its text, place and category, and a first
 * shift of two hours from when the help is needed (overnight when that runs past midnight).
 */
export function draftFromHelp(d: TActivityDraft, h: TActivityDraftDto): TActivityDraft {
  const start = isoToShanghai(h.neededAt);
  const end = isoToShanghai(new Date(Date.parse(h.neededAt) + 2 * 3600_000).toISOString());
  const first: TShiftDraft = {
    ...(d.shifts[0] ?? blankShift()),
    date: start.date,
    start: start.time,
    end: end.time,
    overnight: end.date !== start.date,
  };
  return {
    ...d,
    title: h.title,
    description: h.description,
    address: h.address,
    location: h.location ?? d.location,
    category: h.category,
    shifts: [first, ...d.shifts.slice(1)],
  };
}

export function draftFromActivity(a: TActivityDetailDto): TActivityDraft {
  const sd = isoToShanghai(a.signupDeadline);
  const cd = isoToShanghai(a.cancelDeadline);
  return {
    title: a.title,
    description: a.description,
    coverUrl: a.coverUrl ?? '',
    address: a.address,
    location: a.location,
    category: a.category,
    requiredSkills: a.requiredSkills.join('、'),
    signupDate: sd.date,
    signupTime: sd.time,
    cancelDate: cd.date,
    cancelTime: cd.time,
    checkinRadiusM: String(a.checkinRadiusM),
    requiresApproval: a.requiresApproval,
    checkinRequired: a.checkinRequired,
    shifts: a.shifts.map((s) => {
      const st = isoToShanghai(s.start);
      const en = isoToShanghai(s.end);
      return {
        shiftId: s.id,
        date: st.date,
        start: st.time,
        end: en.time,
        capacity: String(s.capacity),
        overnight: en.date !== st.date,
      };
    }),
  };
}

/** Shift wall-clock fields → ISO; an overnight shift ends on the next day. */
function shiftIso(s: TShiftDraft): { start: string; end: string } | null {
  const start = shanghaiToIso(s.date, s.start);
  let end = shanghaiToIso(s.date, s.end);
  if (!start || !end) return null;
  if (s.overnight) end = new Date(Date.parse(end) + 24 * 3600_000).toISOString();
  return { start, end };
}

/**
 * Builds the API body from the form. Blank deadlines default to the first shift's
 * start (sign up and cancel until the activity begins). Returns field errors keyed
 * like the form (shifts.0.date, signupDeadline, ...).
 */
export function buildActivityInput(teamId: string, d: TActivityDraft, now = Date.now()) {
  const errors: Record<string, string> = {};
  const shifts = d.shifts.map((s, i) => {
    const iso = shiftIso(s);
    if (!iso) errors[`shifts.${i}.start`] = '请选择班次日期和开始、结束时间';
    else if (!s.overnight && Date.parse(iso.end) <= Date.parse(iso.start))
      errors[`shifts.${i}.end`] = '结束时间须晚于开始时间；跨夜的班次请打开“跨夜”';
    else if (!s.shiftId && Date.parse(iso.start) < now) errors[`shifts.${i}.start`] = '班次开始时间不能早于现在';
    return { ...(iso ?? { start: '', end: '' }), capacity: Number(s.capacity) };
  });
  const firstStart =
    shifts
      .map((s) => s.start)
      .filter(Boolean)
      .sort()[0] ?? '';
  const deadline = (date: string, time: string, key: string) => {
    if (!date && !time) return firstStart;
    const iso = shanghaiToIso(date, time || '00:00');
    if (!iso) errors[key] = '请选择日期和时间';
    return iso ?? '';
  };
  const body = {
    teamId,
    title: d.title,
    description: d.description,
    ...(d.coverUrl.trim() ? { coverUrl: d.coverUrl.trim() } : {}),
    address: d.address,
    location: d.location as { lng: number; lat: number },
    category: d.category,
    requiredSkills: splitTagsLoose(d.requiredSkills),
    signupDeadline: deadline(d.signupDate, d.signupTime, 'signupDeadline'),
    cancelDeadline: deadline(d.cancelDate, d.cancelTime, 'cancelDeadline'),
    checkinRadiusM: Number(d.checkinRadiusM),
    requiresApproval: d.requiresApproval,
    checkinRequired: d.checkinRequired,
    shifts,
  };
  return { body, errors };
}

/**
 * The PATCH body of an edit: the form's fields except approval and on-site check-in
 * (fixed once published), changed capacities and times of existing shifts, and new shifts.
 */
export function buildActivityPatch(
  original: Pick<TActivityDetailDto, 'shifts'>,
  d: TActivityDraft,
  body: ReturnType<typeof buildActivityInput>['body'],
) {
  const { teamId: _t, shifts, requiresApproval: _a, checkinRequired: _c, ...rest } = body;
  const existing = d.shifts
    .map((s, i) => ({ s, next: shifts[i], before: original.shifts.find((o) => o.id === s.shiftId) }))
    .filter((x): x is typeof x & { before: TActivityDetailDto['shifts'][number] } => !!x.s.shiftId && !!x.before);
  const capacities = existing
    .filter(({ s, before }) => before.capacity !== Number(s.capacity))
    .map(({ s }) => ({ shiftId: s.shiftId as string, capacity: Number(s.capacity) }));
  const shiftTimes = existing
    .filter(
      ({ next, before }) =>
        Date.parse(next.start) !== Date.parse(before.start) || Date.parse(next.end) !== Date.parse(before.end),
    )
    .map(({ s, next }) => ({ shiftId: s.shiftId as string, start: next.start, end: next.end }));
  const addShifts = shifts.filter((_, i) => !d.shifts[i].shiftId);
  return {
    ...rest,
    ...(capacities.length ? { capacities } : {}),
    ...(addShifts.length ? { addShifts } : {}),
    ...(shiftTimes.length ? { shiftTimes } : {}),
  };
}
