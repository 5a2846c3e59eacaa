import QRCode from 'qrcode';
import { z } from 'zod';
import {
  QR_ROTATION_SECONDS,
  ZAttendanceBody,
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
import { defineRoute, type LinliContext, type RouteSpec } from '../../../http/route';
import { Activity, Shift } from '../activities/model';
import { displayNames } from '../hours/queries';
import { Signup } from '../signups/model';
import { teamPolicy } from '../teams/policy';
import { autoCheckout } from './commands/auto-checkout';
import { checkIn, checkOut } from './commands/check-in';
import { undoCheckout } from './commands/undo-checkout';
import { checkinSecretFor } from './model';
import { presentAttendanceResult, presentAttendanceRow } from './presenter';
import { msUntilRotation, signQrToken } from './qr-token';

const ZActivityParams = z.strictObject({ activityId: ZObjectId });
type TActivityParams = z.infer<typeof ZActivityParams>;

async function loadManagedActivity(ctx: LinliContext, activityId: string) {
  const activity = await Activity.findById(activityId).lean();
  if (!activity) throw fail('not_found', '活动不存在');
  if (!(await teamPolicy.canManage(ctx.state.actor, activity.team))) throw fail('forbidden');
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
      params: ZActivityParams,
      query: ZCheckinQrQuery,
      handler: async (ctx, { params, query }) => {
        const activity = await loadManagedActivity(ctx, params.activityId);
        if (activity.status !== 'published') throw fail('activity_not_open');
        const shift = await Shift.findOne({ _id: query.shiftId, activity: activity._id }).lean();
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
      body: ZAttendanceBody,
      handler: async (ctx, { body }) => {
        ctx.body = presentAttendanceResult(await checkIn(ctx.state.actor!.userId, body, deps.now()));
      },
    }),
    defineRoute<TAttendanceBody>({
      method: 'post',
      path: '/api/attendance/checkout',
      summary: '扫码签退：计算服务时长（按班次截取，四舍五入到 15 分钟），待团队确认',
      tags: ['volunteering'],
      policy: member,
      body: ZAttendanceBody,
      handler: async (ctx, { body }) => {
        ctx.body = presentAttendanceResult(await checkOut(ctx.state.actor!.userId, body, deps.now()));
      },
    }),
    defineRoute<TCheckoutUndoBody>({
      method: 'post',
      path: '/api/attendance/checkout/undo',
      summary: '撤销签退（10 分钟内、时长尚未确认）：恢复为已签到，原记录保留并注明已撤销',
      tags: ['volunteering'],
      policy: member,
      body: ZCheckoutUndoBody,
      handler: async (ctx, { body }) => {
        ctx.body = presentAttendanceResult(await undoCheckout(ctx.state.actor!.userId, body.signupId, deps.now()));
      },
    }),
    defineRoute<undefined, undefined, TActivityParams>({
      method: 'get',
      path: '/api/activities/:activityId/attendance',
      summary: '活动签到情况（团队管理员）：已确认报名者的签到、签退与自动签退标记',
      tags: ['volunteering'],
      policy: signedIn,
      params: ZActivityParams,
      handler: async (ctx, { params }) => {
        const activity = await loadManagedActivity(ctx, params.activityId);
        // Sweep lazily too, so the list is right even when the scheduler is off.
        await autoCheckout(deps.now(), { activity: activity._id });
        const signups = await Signup.find({ activity: activity._id, status: 'confirmed' })
          .sort({ start: 1, _id: 1 })
          .limit(2000)
          .lean();
        const names = await displayNames(signups.map((s) => s.user));
        ctx.body = { items: signups.map((s) => presentAttendanceRow(s, names.get(String(s.user)) ?? '')) };
      },
    }),
  ];
}
