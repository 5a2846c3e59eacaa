import QRCode from 'qrcode';
import { z } from 'zod';
import {
  QR_ROTATION_SECONDS,
  ZAttendanceBody,
  ZAttendanceResultDto,
  ZAttendanceRows,
  ZCheckinQrDto,
  ZCheckinQrQuery,
  ZCheckoutUndoBody,
  type TAttendanceBody,
  type TCheckinQrQuery,
  type TCheckoutUndoBody,
} from '@shared/schemas/volunteering/attendance';
import { ZObjectId } from '@shared/schemas/common';
import type { AppDeps } from '../../../deps';
import { fail } from '../../../http/errors';
import { member, signedIn } from '../../../http/policy';
import { unlessRefused, type RefusalMap } from '../../../http/refusals';
import { defineRoute, type LinliContext, type RouteSpec } from '../../../http/route';
import { findActivity } from '../activities';
import { activityPolicy } from '../activities';
import { autoCheckout } from './commands/auto-checkout';
import { checkIn, checkOut, type CheckInResult, type CheckOutResult } from './commands/check-in';
import { undoCheckout } from './commands/undo-checkout';
import { checkinSecretFor } from './model';
import { presentAttendanceResult } from './presenter';
import { attendanceRows, shiftOfActivity } from './queries';
import { msUntilRotation, signQrToken } from './qr-token';

/** How check-in and check-out refusals are answered (the scan's own, then each one's). */
const SCAN_REFUSALS = {
  not_found: { code: 'not_found', message: '活动不存在' },
  activity_not_open: 'activity_not_open',
  token_invalid: 'checkin_token_invalid',
  token_expired: 'checkin_token_expired',
  token_other_activity: 'checkin_token_other_activity',
  not_signed_up: 'checkin_not_signed_up',
  outside_radius: (r) => ({
    code: 'outside_checkin_radius',
    message: `您距离活动地点约 ${r.distanceM} 米，超出签到范围（${r.radiusM} 米）`,
    field: 'location',
  }),
  closed: 'checkin_closed',
  already_checked_in: 'already_checked_in',
  not_checked_in: 'not_checked_in',
  already_checked_out: 'already_checked_out',
  before_start: 'checkout_before_start',
} as const satisfies RefusalMap<CheckInResult | CheckOutResult>;

const ZActivityParams = z.strictObject({ activityId: ZObjectId });
type TActivityParams = z.infer<typeof ZActivityParams>;

async function loadManagedActivity(ctx: LinliContext, activityId: string) {
  const activity = await findActivity(activityId);
  if (!activity) throw fail('not_found', '活动不存在');
  await activityPolicy.authorize(ctx.state.actor, 'showCheckinCode', activity);
  return activity;
}

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TCheckinQrQuery, TActivityParams>({
      method: 'get',
      path: '/api/activities/:activityId/checkin-qr',
      summary: '现场签到二维码（团队管理员）：签名令牌每 30 秒轮换，仅当前与上一个有效',
      tags: ['volunteering'],
      policy: signedIn,
      response: ZCheckinQrDto,
      params: ZActivityParams,
      query: ZCheckinQrQuery,
      handler: async (ctx, { params, query }) => {
        const activity = await loadManagedActivity(ctx, params.activityId);
        if (activity.status !== 'published') throw fail('activity_not_open');
        const shift = await shiftOfActivity(query.shiftId, activity._id);
        if (!shift) throw fail('not_found', '班次不存在');
        const now = deps.now();
        const token = signQrToken(
          await checkinSecretFor(activity._id, now),
          String(activity._id),
          String(shift._id),
          now.getTime(),
        );
        ctx.set('Cache-Control', 'no-store');
        ctx.body = {
          activityId: String(activity._id),
          shiftId: String(shift._id),
          token,
          rotatesAt: new Date(now.getTime() + msUntilRotation(now.getTime())).toISOString(),
          rotationSeconds: QR_ROTATION_SECONDS,
          qrDataUrl: await QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 2, width: 360 }),
        };
      },
    }),
    defineRoute<TAttendanceBody>({
      method: 'post',
      path: '/api/attendance/checkin',
      summary: '扫码签到：需在活动签到范围内、持有该班次的已确认报名',
      tags: ['volunteering'],
      policy: member,
      response: ZAttendanceResultDto,
      body: ZAttendanceBody,
      handler: async (ctx, { body }) => {
        const r = await checkIn(ctx.state.actor!.userId, body, deps.now());
        unlessRefused(r, SCAN_REFUSALS);
        ctx.body = presentAttendanceResult(r);
      },
    }),
    defineRoute<TAttendanceBody>({
      method: 'post',
      path: '/api/attendance/checkout',
      summary: '扫码签退：计算服务时长（按班次截取，四舍五入到 15 分钟），待团队确认',
      tags: ['volunteering'],
      policy: member,
      response: ZAttendanceResultDto,
      body: ZAttendanceBody,
      handler: async (ctx, { body }) => {
        const r = await checkOut(ctx.state.actor!.userId, body, deps.now());
        unlessRefused(r, SCAN_REFUSALS);
        ctx.body = presentAttendanceResult(r);
      },
    }),
    defineRoute<TCheckoutUndoBody>({
      method: 'post',
      path: '/api/attendance/checkout/undo',
      summary: '撤销签退（10 分钟内、时长尚未确认）：恢复为已签到，原记录保留并注明已撤销',
      tags: ['volunteering'],
      policy: member,
      response: ZAttendanceResultDto,
      body: ZCheckoutUndoBody,
      handler: async (ctx, { body }) => {
        const r = await undoCheckout(ctx.state.actor!.userId, body.signupId, deps.now());
        unlessRefused(r, {
          not_found: { code: 'not_found', message: '报名不存在' },
          not_checked_out: { code: 'checkout_undo_closed', message: '您尚未签退' },
          auto_checked_out: { code: 'checkout_undo_closed', message: '系统自动签退不能撤销，如有异议请向团队申诉' },
          already_undone: { code: 'checkout_undo_closed', message: '该签退已撤销' },
          undo_closed: 'checkout_undo_closed',
        });
        ctx.body = presentAttendanceResult(r);
      },
    }),
    defineRoute<undefined, undefined, TActivityParams>({
      method: 'get',
      path: '/api/activities/:activityId/attendance',
      summary: '活动签到情况（团队管理员）：已确认报名者的签到、签退与自动签退标记',
      tags: ['volunteering'],
      policy: signedIn,
      response: ZAttendanceRows,
      params: ZActivityParams,
      handler: async (ctx, { params }) => {
        const activity = await loadManagedActivity(ctx, params.activityId);
        // Sweep lazily too, so the list is right even when the scheduler is off.
        await autoCheckout(deps, deps.now(), { activity: activity._id });
        ctx.body = { items: await attendanceRows(activity._id) };
      },
    }),
  ];
}
