import { formatHours, overlapMinutes, roundServiceMinutes, serviceMinutes, shanghaiMonth } from './compute';

const at = (hhmm: string) => new Date(`2026-05-01T${hhmm}:00.000Z`);
const shift = { shiftStart: at('01:00'), shiftEnd: at('04:00') };

describe('hours computation', () => {
  it('when a volunteer arrives early and leaves late, only the shift counts', () => {
    expect(serviceMinutes({ ...shift, checkinAt: at('00:30'), checkoutAt: at('05:00') })).toBe(180);
  });

  it('when a volunteer arrives late and leaves early, the overlap counts', () => {
    expect(overlapMinutes({ ...shift, checkinAt: at('01:20'), checkoutAt: at('02:12') })).toBe(52);
    expect(serviceMinutes({ ...shift, checkinAt: at('01:20'), checkoutAt: at('02:12') })).toBe(45);
  });

  it('when check-out is before the shift starts, nothing counts', () => {
    expect(serviceMinutes({ ...shift, checkinAt: at('00:10'), checkoutAt: at('00:50') })).toBe(0);
  });

  it('when check-out precedes check-in, nothing counts', () => {
    expect(serviceMinutes({ ...shift, checkinAt: at('03:00'), checkoutAt: at('02:00') })).toBe(0);
  });

  it('floors seconds before rounding', () => {
    const checkinAt = new Date(at('01:00').getTime());
    const checkoutAt = new Date(at('01:07').getTime() + 59_000);
    expect(overlapMinutes({ ...shift, checkinAt, checkoutAt })).toBe(7);
    expect(serviceMinutes({ ...shift, checkinAt, checkoutAt })).toBe(0);
  });

  it.each([
    [0, 0],
    [7, 0],
    [8, 15],
    [14, 15],
    [15, 15],
    [52, 45],
    [53, 60],
    [22, 15],
    [23, 30],
    [-5, 0],
    [Number.NaN, 0],
  ])('rounds %p minutes to %p', (input, expected) => {
    expect(roundServiceMinutes(input)).toBe(expected);
  });

  it('formats hours for certificates', () => {
    expect(formatHours(90)).toBe('1.5');
    expect(formatHours(60)).toBe('1');
    expect(formatHours(50)).toBe('0.83');
    expect(formatHours(0)).toBe('0');
  });

  it('groups by the Shanghai calendar month', () => {
    expect(shanghaiMonth(new Date('2026-04-30T16:30:00Z'))).toBe('2026-05');
    expect(shanghaiMonth(new Date('2026-04-30T15:59:00Z'))).toBe('2026-04');
  });
});
