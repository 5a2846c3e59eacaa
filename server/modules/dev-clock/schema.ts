import { z } from 'zod';

/** At most a year per call: enough for any journey, small enough to catch a unit mistake. */
export const ZAdvanceClock = z.strictObject({
  advanceMs: z
    .number({ error: '请填写毫秒数' })
    .int('须为整数')
    .min(1, '只能向前拨')
    .max(366 * 24 * 3600_000, '一次最多拨一年'),
});
export type TAdvanceClock = z.infer<typeof ZAdvanceClock>;

export const ZClockState = z.object({ now: z.string(), offsetMs: z.number().int() });
