import { z } from 'zod';
import { ZDateOut, ZObjectId } from '../common';

/** The organiser's QR token rotates every 30 s; the current and the previous token are accepted. */
export const QR_ROTATION_SECONDS = 30;
/** Check-in opens this long before the shift starts. */
export const CHECKIN_OPENS_BEFORE_MINUTES = 30;
/** Without a check-out, the volunteer is checked out automatically at shift end once this grace has passed. */
export const AUTO_CHECKOUT_GRACE_MINUTES = 30;

/** A check-out can be taken back this long after it was made, while its hours still wait for the team. */
export const CHECKOUT_UNDO_MINUTES = 10;

export const ZCheckinQrQuery = z.strictObject({ shiftId: ZObjectId });
export type TCheckinQrQuery = z.infer<typeof ZCheckinQrQuery>;

export const ZAttendanceBody = z.strictObject({
  activityId: ZObjectId,
  token: z.string({ error: '请扫描签到码' }).trim().min(1, '请扫描签到码').max(200, '签到码格式不正确'),
  location: z.strictObject({
    lng: z.number({ error: '经度必须是数字' }).min(-180, '经度超出范围').max(180, '经度超出范围'),
    lat: z.number({ error: '纬度必须是数字' }).min(-90, '纬度超出范围').max(90, '纬度超出范围'),
    accuracy: z
      .number({ error: '定位精度必须是数字' })
      .min(0, '定位精度不能为负数')
      .max(100_000, '定位精度超出范围')
      .optional(),
  }),
});
export type TAttendanceBody = z.infer<typeof ZAttendanceBody>;

export const ZCheckinQrDto = z.object({
  activityId: z.string(),
  shiftId: z.string(),
  token: z.string(),
  /** When this token stops being the newest; the display refreshes then (the old one stays valid one more window). */
  rotatesAt: ZDateOut,
  rotationSeconds: z.number().int(),
  /** PNG data URL of the token, for the organiser's screen. */
  qrDataUrl: z.string(),
});
export type TCheckinQrDto = z.infer<typeof ZCheckinQrDto>;

export const ZCheckoutUndoBody = z.strictObject({ signupId: ZObjectId });
export type TCheckoutUndoBody = z.infer<typeof ZCheckoutUndoBody>;

export type TCheckinOutcome = 'checked_in';
export type TCheckoutOutcome = 'checked_out' | 'checkout_undone';

export const ZAttendanceResultDto = z.object({
  outcome: z.enum(['checked_in', 'checked_out', 'checkout_undone']),
  signupId: z.string(),
  shiftId: z.string(),
  checkinAt: ZDateOut,
  checkoutAt: ZDateOut.nullable(),
  distanceM: z.number(),
  /** Rounded service minutes now pending the team's confirmation (check-out only). */
  minutes: z.number().int().nullable(),
  /** Until when this check-out can be undone (check-out only; null once it cannot). */
  undoUntil: ZDateOut.nullable(),
});
export type TAttendanceResultDto = z.infer<typeof ZAttendanceResultDto>;

export const ZAttendanceRowDto = z.object({
  signupId: z.string(),
  userId: z.string(),
  displayName: z.string(),
  shiftId: z.string(),
  status: z.string(),
  checkinAt: ZDateOut.nullable(),
  checkoutAt: ZDateOut.nullable(),
  autoCheckedOut: z.boolean(),
});
export type TAttendanceRowDto = z.infer<typeof ZAttendanceRowDto>;
export const ZAttendanceRows = z.object({ items: z.array(ZAttendanceRowDto) });
