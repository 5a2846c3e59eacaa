import { useCallback, useEffect, useState } from 'react';
import { ZHolidayCalendar, type THolidayCalendar } from '@shared/schemas/reports/taxonomy';
import { useAsync } from '../useAsync';
import { useAction } from '../volunteering/useAction';
import { formErrorsFrom, zodFieldErrors } from '../../services/form-errors';
import { reportsAdminApi } from '../../services/reports-admin';

type TKind = keyof THolidayCalendar;
const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];
/** Day of the week of a YYYY-MM-DD date (a calendar date, so no time zone is involved). */
export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
export const weekdayLabel = (date: string): string => `周${WEEKDAY[weekdayOf(date)]}`;
const isWeekend = (date: string) => [0, 6].includes(weekdayOf(date));

/**
 * 工作日历: weekday holidays (法定节假日) and weekend working days (调休上班) that the working-day
 * SLA clocks follow. Dates are picked, listed sorted, removed one by one, then saved together.
 */
export function useWorkCalendar() {
  const loaded = useAsync(() => reportsAdminApi.calendar(), []);
  const action = useAction();
  const [cal, setCal] = useState<THolidayCalendar>({ holidays: [], workdays: [] });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (loaded.data) setCal({ holidays: [...loaded.data.holidays].sort(), workdays: [...loaded.data.workdays].sort() });
  }, [loaded.data]);

  const add = useCallback((kind: TKind, date: string) => {
    // A holiday on a weekend or a working day on a weekday changes nothing: say so where it was picked.
    if (kind === 'holidays' && isWeekend(date)) return setErrors({ holidays: `${date}（${weekdayLabel(date)}）本来就是休息日，无需添加` });
    if (kind === 'workdays' && !isWeekend(date)) return setErrors({ workdays: `${date}（${weekdayLabel(date)}）本来就是工作日，调休上班日应为周六或周日` });
    const other: TKind = kind === 'holidays' ? 'workdays' : 'holidays';
    setErrors({});
    setDirty(true);
    setCal((c) => ({ ...c, [other]: c[other].filter((d) => d !== date), [kind]: [...new Set([...c[kind], date])].sort() }));
  }, []);
  const remove = useCallback((kind: TKind, date: string) => {
    setDirty(true);
    setCal((c) => ({ ...c, [kind]: c[kind].filter((d) => d !== date) }));
  }, []);

  const save = useCallback(() => action.run('save', async () => {
    const parsed = ZHolidayCalendar.safeParse(cal);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      throw new Error('请检查标红的项目');
    }
    try {
      const saved = await reportsAdminApi.saveCalendar(parsed.data);
      setCal({ holidays: [...saved.holidays].sort(), workdays: [...saved.workdays].sort() });
      setDirty(false);
      setErrors({});
      return `已保存：${saved.holidays.length} 个节假日，${saved.workdays.length} 个调休上班日`;
    } catch (e) {
      setErrors(formErrorsFrom(e).fields);
      throw e;
    }
  }), [action, cal]);

  return { loaded, action, cal, errors, dirty, add, remove, save };
}
