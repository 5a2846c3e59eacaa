import {
  ZAttachmentEnvelope,
  ZBookInput,
  ZBookingEnvelope,
  ZBookingIdParams,
  ZBookingList,
  ZNoShowInput,
  ZRatingInput,
  ZReasonInput,
  ZRescheduleInput,
  ZStaffBookingEnvelope,
  ZMyWaitlistList,
  ZWaitlistEnvelope,
  ZWaitlistIdParams,
  ZWaitlistInput,
  type TBookInput,
  type TBookingIdParams,
  type TNoShowInput,
  type TRatingInput,
  type TReasonInput,
  type TRescheduleInput,
  type TWaitlistIdParams,
  type TWaitlistInput,
} from '@shared/schemas/clinic/bookings';
import { ZClinicIdParams, type TClinicIdParams } from '@shared/schemas/clinic/clinics';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { AppError, fail } from '../../http/errors';
import { member, signedIn } from '../../http/policy';
import { unlessRefused } from '../../http/refusals';
import { defineRoute, type RouteSpec } from '../../http/route';
import { sendPrivateFile } from '../../platform/uploads';
import { readUploadBody } from '../volunteering/gallery';
import { ATTACHMENT_AREA, ATTACHMENT_MAX_BYTES, storeAttachment } from './commands/attachments';
import { bookSlot } from './commands/book-slot';
import { acceptOffer, cancelBooking, markNoShow, rescheduleBooking } from './commands/booking-changes';
import { rateConsultation } from './commands/record';
import { joinWaitlist, leaveWaitlist } from './commands/waitlist';
import { bookingPolicy, waitlistPolicy } from './policy';
import { presentBooking, presentMyWaitlist, presentWaitlist } from './presenter';
import {
  bookingContext,
  bookingWithAttachment,
  findAttachment,
  findWaitlistEntry,
  residentBookings,
  residentWaitlist,
  waitlistView,
} from './queries';
import { loadClinic } from './routes-clinics';
import {
  actor,
  bookingActionFor,
  clinicOf,
  loadBooking,
  onBooking,
  present,
  SLOT_REFUSALS,
  WINDOW_REFUSALS,
} from './booking-routing';

/**
 * The resident's booking routes: attachments, booking, the waitlist, my bookings, one booking
 * (a deep link; staff get their view of it too), and the resident's actions on a booking
 * (cancel, reschedule, accept an offer, mark the lawyer absent, rate).
 */
export function residentBookingRoutes(deps: AppDeps): RouteSpec[] {
  const bookingAction = bookingActionFor(deps);
  return [
    defineRoute({
      method: 'post',
      path: '/api/clinic-attachments',
      summary: '上传预约附件（图片 JPG/PNG/WebP 或 PDF，≤5MB）：请求体为文件原始字节；图片去除元数据，均私密保存',
      tags: ['clinic'],
      policy: member,
      query: z.strictObject({
        name: z.string().trim().min(1, '请提供文件名').max(80, '文件名不能超过 80 个字').default('附件'),
      }),
      produces: 'application/json',
      response: ZAttachmentEnvelope,
      handler: async (ctx, { query }) => {
        const body = await readUploadBody(ctx.req, ATTACHMENT_MAX_BYTES).catch((e: unknown) => {
          throw e instanceof AppError && e.code === 'image_too_large'
            ? fail('attachment_too_large', '文件不能超过 5MB')
            : e;
        });
        const a = await storeAttachment(deps, {
          owner: actor(ctx).userId,
          body,
          name: (query as { name: string }).name,
        });
        ctx.status = 201;
        ctx.body = { attachment: { id: String(a._id), kind: a.kind, name: a.name } };
      },
    }),
    defineRoute<undefined, undefined, { attachmentId: string }>({
      method: 'get',
      path: '/api/clinic-attachments/:attachmentId',
      summary: '下载预约附件（上传人，及能查看该预约的律师、指导律师、协调员）',
      tags: ['clinic'],
      policy: signedIn,
      params: z.strictObject({ attachmentId: z.string().regex(/^[0-9a-f]{24}$/i, '编号格式不正确') }),
      produces: 'application/octet-stream',
      handler: async (ctx, { params }) => {
        const a = await findAttachment(params.attachmentId);
        if (!a) throw fail('not_found', '文件不存在');
        if (String(a.owner) !== actor(ctx).userId) {
          const b = await bookingWithAttachment(a._id);
          if (!b || !(await bookingPolicy.can(ctx.state.actor, 'viewPrivate', b)))
            throw fail('not_found', '文件不存在');
        }
        await sendPrivateFile(ctx, deps, { area: ATTACHMENT_AREA, rel: a.rel, mime: a.mime, downloadName: a.name });
      },
    }),
    defineRoute<TBookInput, undefined, TClinicIdParams>({
      method: 'post',
      path: '/api/clinics/:clinicId/bookings',
      summary: '预约法律咨询：选择类别、时段、方式，简述问题，可填写对方当事人与附件，并同意信息使用说明',
      tags: ['clinic'],
      policy: member,
      params: ZClinicIdParams,
      body: ZBookInput,
      response: ZBookingEnvelope,
      handler: async (ctx, { params, body }) => {
        const clinic = await loadClinic(params.clinicId);
        const r = await bookSlot(deps, { clinic, resident: actor(ctx).userId, body });
        unlessRefused(r, SLOT_REFUSALS);
        ctx.status = 201;
        ctx.body = {
          outcome: r.outcome,
          booking: await presentBooking(ctx.state.actor, r.booking, await bookingContext([r.booking], deps.now())),
        };
      },
    }),
    defineRoute<TWaitlistInput>({
      method: 'post',
      path: '/api/clinic-waitlist',
      summary: '当天约满时登记候补：有空出的时段时按登记顺序保留给候补居民，限时确认',
      tags: ['clinic'],
      policy: member,
      body: ZWaitlistInput,
      response: ZWaitlistEnvelope,
      handler: async (ctx, { body }) => {
        const clinic = await loadClinic(body.clinicId);
        const r = await joinWaitlist(deps, { clinic, resident: actor(ctx).userId, body });
        unlessRefused(r, {
          topic_not_offered: SLOT_REFUSALS.topic_not_offered,
          day_not_full: { code: 'conflict', message: '当天仍有可预约时段，请直接预约' },
          day_in_past: { code: 'validation_failed', field: 'day', message: '当天没有可候补的咨询' },
          already_waiting: { code: 'conflict', message: '您已在当天的候补名单中' },
        });
        ctx.status = 201;
        ctx.body = { outcome: r.outcome, entry: presentWaitlist(r.entry) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/clinic-waitlist',
      summary: '我的候补：诊所、日期、排在第几位；已保留名额的附预约与确认期限',
      tags: ['clinic'],
      policy: member,
      response: ZMyWaitlistList,
      handler: async (ctx) => {
        const views = await waitlistView(await residentWaitlist(actor(ctx).userId));
        ctx.body = { items: await Promise.all(views.map((v) => presentMyWaitlist(ctx.state.actor, v))) };
      },
    }),
    defineRoute<undefined, undefined, TWaitlistIdParams>({
      method: 'delete',
      path: '/api/clinic-waitlist/:entryId',
      summary: '退出候补（仍在候补中时；已保留的名额请在预约中取消）',
      tags: ['clinic'],
      policy: member,
      params: ZWaitlistIdParams,
      response: ZWaitlistEnvelope,
      handler: async (ctx, { params }) => {
        const entry = await findWaitlistEntry(params.entryId);
        // Someone else's entry is not said to exist.
        if (!entry || String(entry.resident) !== actor(ctx).userId) throw fail('not_found', '候补记录不存在');
        await waitlistPolicy.authorize(ctx.state.actor, 'leave', entry);
        const r = await leaveWaitlist(deps, { entry, resident: actor(ctx).userId });
        unlessRefused(r, {
          not_waiting: { code: 'conflict', message: '该候补已结束或名额已保留给您，请在预约中处理' },
        });
        ctx.body = { outcome: r.outcome, entry: presentWaitlist(r.entry) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/clinic-bookings',
      summary: '我的法律咨询预约（含已发布的咨询意见）',
      tags: ['clinic'],
      policy: member,
      response: ZBookingList,
      handler: async (ctx) => {
        const items = await residentBookings(actor(ctx).userId);
        const c = await bookingContext(items, deps.now());
        ctx.body = { items: await Promise.all(items.map((b) => presentBooking(ctx.state.actor, b, c))) };
      },
    }),
    defineRoute<undefined, undefined, TBookingIdParams>({
      method: 'get',
      path: '/api/clinic-bookings/:bookingId',
      summary: '预约详情：居民看到咨询意见摘要；律师、指导律师、协调员另见联系方式与咨询记录',
      tags: ['clinic'],
      policy: signedIn,
      params: ZBookingIdParams,
      response: z.union([ZStaffBookingEnvelope.shape.booking, ZBookingEnvelope.shape.booking]),
      handler: async (ctx, { params }) => {
        ctx.body = await present(ctx, await loadBooking(ctx.state.actor, params.bookingId), deps.now());
      },
    }),
    bookingAction<TReasonInput>(
      'cancel',
      '取消预约：诊所规定时限内须填写原因；协调员可强制取消',
      'cancel',
      ZReasonInput,
      async (ctx, b, body) => {
        const r = await cancelBooking(deps, { ...(await onBooking(ctx, b)), ...body });
        unlessRefused(r, WINDOW_REFUSALS);
        return r;
      },
    ),
    bookingAction<TRescheduleInput>(
      'reschedule',
      '改约到其他时段：时限规则同取消',
      'reschedule',
      ZRescheduleInput,
      async (ctx, b, body) => {
        const r = await rescheduleBooking(deps, { ...(await onBooking(ctx, b)), body });
        unlessRefused(r, { ...SLOT_REFUSALS, ...WINDOW_REFUSALS });
        return r;
      },
    ),
    bookingAction('accept-offer', '确认候补名额（在保留时限内）', 'acceptOffer', undefined, async (ctx, b) => {
      const r = await acceptOffer(deps, { clinic: await clinicOf(b), booking: b });
      unlessRefused(r, { offer_expired: { code: 'conflict', message: '候补名额的保留时间已过' } });
      return r;
    }),
    bookingAction<TNoShowInput>(
      'no-show',
      '标记未到场（居民标记律师，律师或协调员标记居民）',
      'markNoShow',
      ZNoShowInput,
      async (ctx, b, body) => {
        const r = await markNoShow(deps, {
          booking: b,
          actor: actor(ctx),
          side: body.side,
          requestId: ctx.state.requestId,
        });
        unlessRefused(r, {
          not_started: { code: 'conflict', message: '咨询尚未开始' },
          wrong_side: { code: 'validation_failed', field: 'side', message: '只能标记对方未到场' },
          not_confirmed: WINDOW_REFUSALS.not_active,
        });
        return r;
      },
    ),
    bookingAction<TRatingInput>(
      'rating',
      '评价咨询（居民，每次咨询一次）',
      'rate',
      ZRatingInput,
      async (ctx, b, body) => {
        const r = await rateConsultation(deps, { booking: b, body });
        unlessRefused(r, { not_rateable: { code: 'conflict', message: '咨询意见发布后可评价，且只能评价一次' } });
        return r;
      },
    ),
  ];
}
