import type { TShiftTimeInput } from '@shared/schemas/volunteering/activities';
import type { TFieldError } from '@shared/errors';
import type { ShiftDoc } from '../model';

/** A shift's new times, checked; the signups side moves schedules and signups with it (ActivityBookings.moveShifts). */
export interface ShiftMove {
  shift: ShiftDoc;
  start: Date;
  end: Date;
}

/**
 * Checks requested shift times against the activity's shifts: the shift must
 * belong to the activity and not have started; the new start must be in the
 * future. Deadlines are checked by the caller with the moved times. Returns the moves, or
 * every field that fails.
 */
export function planShiftMoves(
  existing: ShiftDoc[],
  input: TShiftTimeInput[] | undefined,
  now: Date,
): { moves: ShiftMove[]; fields: TFieldError[] } {
  const moves: ShiftMove[] = [];
  const fields: TFieldError[] = [];
  for (const [i, t] of (input ?? []).entries()) {
    const shift = existing.find((s) => String(s._id) === t.shiftId);
    if (!shift) fields.push({ path: `shiftTimes.${i}.shiftId`, message: '班次不属于该活动' });
    else if (shift.start.getTime() <= now.getTime())
      fields.push({ path: `shiftTimes.${i}.shiftId`, message: '已开始的班次不能修改时间' });
    else if (Date.parse(t.start) <= now.getTime())
      fields.push({ path: `shiftTimes.${i}.start`, message: '班次须在将来开始' });
    else if (moves.some((m) => String(m.shift._id) === t.shiftId))
      fields.push({ path: `shiftTimes.${i}.shiftId`, message: '同一班次只能修改一次' });
    else moves.push({ shift, start: new Date(t.start), end: new Date(t.end) });
  }
  return { moves, fields };
}
