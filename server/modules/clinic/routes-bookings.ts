import {
  ZAgendaQuery,
  ZAttachmentEnvelope,
  ZBookInput,
  ZBookingEnvelope,
  ZBookingIdParams,
  ZBookingList,
  ZCoordinatorBookingsQuery,
  ZDeclineInput,
  ZNoShowInput,
  ZRatingInput,
  ZReasonInput,
  ZRecordInput,
  ZRescheduleInput,
  ZSignOffInput,
  ZStaffBookingEnvelope,
  ZStaffBookingList,
  ZWaitlistEnvelope,
  ZWaitlistInput,
  type TAgendaQuery,
  type TBookInput,
  type TBookingIdParams,
  type TCoordinatorBookingsQuery,
  type TDeclineInput,
  type TNoShowInput,
  type TRatingInput,
  type TReasonInput,
  type TRecordInput,
  type TRescheduleInput,
  type TSignOffInput,
  type TWaitlistInput,
} from '@shared/schemas/clinic/bookings';
import { ZClinicIdParams, type TClinicIdParams } from '@shared/schemas/clinic/clinics';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../http/actor';
import { AppError, fail } from '../../http/errors';
import { anyRole, member, signedIn } from '../../http/policy';
import { unlessRefused, type RefusalAnswer } from '../../http/refusals';
import { defineRoute, type LinliContext, type RouteSpec } from '../../http/route';
import { sendPrivateFile } from '../../platform/uploads';
import { readUploadBody } from '../volunteering/gallery';
import { ATTACHMENT_AREA, ATTACHMENT_MAX_BYTES, storeAttachment } from './commands/attachments';
import { bookSlot } from './commands/book-slot';
import {
  acceptOffer,
  cancelBooking,
  confirmBooking,
  declineBooking,
  markNoShow,
  rescheduleBooking,
} from './commands/booking-changes';
import { rateConsultation, recordConsultation, signOffRecord } from './commands/record';
import { joinWaitlist } from './commands/waitlist';
import type { BookingDoc } from './model';
import { bookingPolicy, managesClinic } from './policy';
import { presentBooking, presentStaffBooking, presentWaitlist } from './presenter';
import {
  agendaBookings,
  bookingContext,
  bookingWithAttachment,
  clinicBookings,
  findAnyClinic,
  findAttachment,
  findBooking,
  residentBookings,
  signOffQueue,
} from './queries';
import { addDays, dayStart } from './slots';
import { loadClinic } from './routes-clinics';

const NOT_FOUND = { code: 'not_found', message: '预约不存在' } as const;

/** Loads a booking the actor may see; anyone else is told it does not exist. */
async function loadBooking(actor: Actor | null, id: string): Promise<BookingDoc> {
  const b = await findBooking(id);
  if (!b || !(await bookingPolicy.can(actor, 'view', b))) throw fail(NOT_FOUND.code, NOT_FOUND.message);
  return b;
}

/** The resident's view, or the staff view (notes) for those allowed it. */
async function present(ctx: LinliContext, b: BookingDoc, now: Date) {
  const c = await bookingContext([b], now);
  return (await bookingPolicy.can(ctx.state.actor, 'viewPrivate', b))
    ? presentStaffBooking(ctx.state.actor, b, c)
    : presentBooking(ctx.state.actor, b, c);
}

async function clinicOf(b: BookingDoc) {
  const c = await findAnyClinic(b.clinic);
  if (!c) throw fail('not_found', '法律诊所不存在');
  return c;
}

const SLOT_REFUSALS = {
  topic_not_offered: { code: 'validation_failed', field: 'topic', message: '该诊所不提供此类咨询' },
  mode_not_offered: { code: 'validation_failed', field: 'mode', message: '该时段不提供此咨询方式' },
  provider_not_found: { code: 'validation_failed', field: 'providerId', message: '该律师不在本诊所接受预约' },
  slot_in_past: { code: 'validation_failed', field: 'startsAt', message: '不能预约已经过去的时段' },
  slot_unavailable: { code: 'validation_failed', field: 'startsAt', message: '该时段不可预约，请重新选择' },
  conflict_of_interest: { code: 'conflict', message: '该律师需回避（曾为对方当事人提供咨询），请选择其他律师' },
  attachment_not_found: { code: 'validation_failed', field: 'attachmentIds', message: '附件不存在或不属于您' },
  slot_taken: { code: 'conflict', message: '该时段刚刚被预约，请选择其他时段' },
  day_full: { code: 'conflict', message: '该律师当天预约已满，请选择其他日期' },
} satisfies Record<string, RefusalAnswer>;
const WINDOW_REFUSALS = {
  reason_required: { code: 'validation_failed', field: 'reason', message: '距咨询开始不足诊所规定的时间，请填写原因' },
  override_not_allowed: { code: 'forbidden', message: '只有诊所协调员可以强制变更' },
  too_late: { code: 'conflict', message: '咨询已开始，不能再变更' },
  not_active: { code: 'conflict', message: '预约状态已变化，请刷新后重试' },
} satisfies Record<string, RefusalAnswer>;

export function bookingRoutes(deps: AppDeps): RouteSpec[] {
  const agendaRange = (q: TAgendaQuery) => ({
    from: new Date(dayStart(q.from)),
    to: new Date(dayStart(addDays(q.from, q.days))),
  });
  const bookingAction = <B>(
    path: string,
    summary: string,
    body: z.ZodType<B> | undefined,
    run: (ctx: LinliContext, b: BookingDoc, body: B) => Promise<{ outcome: string; booking: BookingDoc }>,
  ) =>
    defineRoute<B, undefined, TBookingIdParams>({
      method: 'post',
      path: `/api/clinic-bookings/:bookingId/${path}`,
      summary,
      tags: ['clinic'],
      policy: signedIn,
      params: ZBookingIdParams,
      ...(body ? { body } : {}),
      response: z.union([ZStaffBookingEnvelope, ZBookingEnvelope]),
      handler: async (ctx, { params, body: input }) => {
        const b = await loadBooking(ctx.state.actor, params.bookingId);
        const r = await run(ctx, b, input);
        ctx.body = { outcome: r.outcome, booking: await present(ctx, r.booking, deps.now()) };
      },
    });
  const authorize = (ctx: LinliContext, action: Parameters<typeof bookingPolicy.authorize>[1], b: BookingDoc) =>
    bookingPolicy.authorize(ctx.state.actor, action, b);
  const actor = (ctx: LinliContext) => ctx.state.actor!;
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
    defineRoute<undefined, TAgendaQuery>({
      method: 'get',
      path: '/api/me/clinic-agenda',
      summary: '我的咨询日程（律师、实习生；指导律师另见所指导实习生的预约）',
      tags: ['clinic'],
      policy: anyRole('lawyer', 'law_student'),
      query: ZAgendaQuery,
      response: ZStaffBookingList,
      handler: async (ctx, { query }) => {
        const { from, to } = agendaRange(query);
        const items = await agendaBookings(actor(ctx).userId, from, to);
        const c = await bookingContext(items, deps.now());
        ctx.body = { items: await Promise.all(items.map((b) => presentStaffBooking(ctx.state.actor, b, c))) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/clinic-signoffs',
      summary: '待我签发的实习生咨询记录（指导律师）',
      tags: ['clinic'],
      policy: anyRole('lawyer'),
      response: ZStaffBookingList,
      handler: async (ctx) => {
        const items = await signOffQueue(actor(ctx).userId);
        const c = await bookingContext(items, deps.now());
        ctx.body = { items: await Promise.all(items.map((b) => presentStaffBooking(ctx.state.actor, b, c))) };
      },
    }),
    defineRoute<undefined, TCoordinatorBookingsQuery>({
      method: 'get',
      path: '/api/clinic-bookings',
      summary: '诊所的预约（本诊所协调员），可按状态筛选',
      tags: ['clinic'],
      policy: anyRole('clinic_coordinator', 'district_admin'),
      query: ZCoordinatorBookingsQuery,
      response: ZStaffBookingList,
      handler: async (ctx, { query }) => {
        if (!managesClinic(ctx.state.actor, query.clinicId)) throw fail('forbidden');
        const { from, to } = agendaRange(query);
        const items = await clinicBookings(query.clinicId, from, to, query.status);
        const c = await bookingContext(items, deps.now());
        ctx.body = { items: await Promise.all(items.map((b) => presentStaffBooking(ctx.state.actor, b, c))) };
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
    bookingAction('confirm', '确认预约（律师、指导律师、协调员）', undefined, async (ctx, b) => {
      await authorize(ctx, 'confirm', b);
      const r = await confirmBooking(deps, {
        clinic: await clinicOf(b),
        booking: b,
        actor: actor(ctx),
        requestId: ctx.state.requestId,
      });
      unlessRefused(r, { not_pending: { code: 'conflict', message: '该预约不在待确认状态' } });
      return r;
    }),
    bookingAction<TDeclineInput>(
      'decline',
      '婉拒预约并记录原因（律师、指导律师、协调员）',
      ZDeclineInput,
      async (ctx, b, body) => {
        await authorize(ctx, 'decline', b);
        const r = await declineBooking(deps, {
          clinic: await clinicOf(b),
          booking: b,
          actor: actor(ctx),
          reason: body.reason,
          requestId: ctx.state.requestId,
        });
        unlessRefused(r, { not_active: WINDOW_REFUSALS.not_active });
        return r;
      },
    ),
    bookingAction<TReasonInput>(
      'cancel',
      '取消预约：诊所规定时限内须填写原因；协调员可强制取消',
      ZReasonInput,
      async (ctx, b, body) => {
        await authorize(ctx, 'cancel', b);
        const r = await cancelBooking(deps, {
          clinic: await clinicOf(b),
          booking: b,
          actor: actor(ctx),
          ...body,
          requestId: ctx.state.requestId,
        });
        unlessRefused(r, WINDOW_REFUSALS);
        return r;
      },
    ),
    bookingAction<TRescheduleInput>(
      'reschedule',
      '改约到其他时段：时限规则同取消',
      ZRescheduleInput,
      async (ctx, b, body) => {
        await authorize(ctx, 'reschedule', b);
        const r = await rescheduleBooking(deps, {
          clinic: await clinicOf(b),
          booking: b,
          actor: actor(ctx),
          body,
          requestId: ctx.state.requestId,
        });
        unlessRefused(r, { ...SLOT_REFUSALS, ...WINDOW_REFUSALS });
        return r;
      },
    ),
    bookingAction('accept-offer', '确认候补名额（在保留时限内）', undefined, async (ctx, b) => {
      await authorize(ctx, 'acceptOffer', b);
      const r = await acceptOffer(deps, { clinic: await clinicOf(b), booking: b });
      unlessRefused(r, { offer_expired: { code: 'conflict', message: '候补名额的保留时间已过' } });
      return r;
    }),
    bookingAction<TNoShowInput>(
      'no-show',
      '标记未到场（居民标记律师，律师或协调员标记居民）',
      ZNoShowInput,
      async (ctx, b, body) => {
        await authorize(ctx, 'markNoShow', b);
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
    bookingAction<TRecordInput>(
      'record',
      '填写咨询记录（本人）：私密记录、给居民的意见摘要、结果；实习生的记录须指导律师签发',
      ZRecordInput,
      async (ctx, b, body) => {
        await authorize(ctx, 'record', b);
        const r = await recordConsultation(deps, {
          clinic: await clinicOf(b),
          booking: b,
          actor: actor(ctx),
          body,
          requestId: ctx.state.requestId,
        });
        unlessRefused(r, {
          not_started: { code: 'conflict', message: '咨询开始后才能填写记录' },
          not_recordable: WINDOW_REFUSALS.not_active,
        });
        return r;
      },
    ),
    bookingAction<TSignOffInput>(
      'sign-off',
      '签发实习生的咨询记录（指导律师）：签发后居民可见意见摘要',
      ZSignOffInput,
      async (ctx, b, body) => {
        await authorize(ctx, 'signOff', b);
        const r = await signOffRecord(deps, {
          clinic: await clinicOf(b),
          booking: b,
          actor: actor(ctx),
          comment: body.comment,
          requestId: ctx.state.requestId,
        });
        unlessRefused(r, { not_awaiting: { code: 'conflict', message: '该记录不在待签发状态' } });
        return r;
      },
    ),
    bookingAction<TRatingInput>('rating', '评价咨询（居民，每次咨询一次）', ZRatingInput, async (ctx, b, body) => {
      await authorize(ctx, 'rate', b);
      const r = await rateConsultation(deps, { booking: b, body });
      unlessRefused(r, { not_rateable: { code: 'conflict', message: '咨询意见发布后可评价，且只能评价一次' } });
      return r;
    }),
  ];
}
