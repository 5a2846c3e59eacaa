/**
 * What the booking routes share: loading a booking the asker may see, presenting it in the
 * view they are allowed, the refusal answers of slots and the notice window, and the action
 * factory every booking action is built with (action-route.ts).
 */
import {
  ZBookingEnvelope,
  ZBookingIdParams,
  ZStaffBookingEnvelope,
  type TAgendaQuery,
  type TBookingIdParams,
} from '@shared/schemas/clinic/bookings';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../http/actor';
import { fail } from '../../http/errors';
import { signedIn } from '../../http/policy';
import type { RefusalAnswer } from '../../http/refusals';
import type { LinliContext } from '../../http/route';
import { actionRoute } from './action-route';
import type { BookingDoc } from './model';
import { bookingPolicy } from './policy';
import { presentBooking, presentStaffBooking } from './presenter';
import { bookingContext, findAnyClinic, findBooking } from './queries';
import { addDays, dayStart } from './slots';

const NOT_FOUND = { code: 'not_found', message: '预约不存在' } as const;

/** Loads a booking the actor may see; anyone else is told it does not exist. */
export async function loadBooking(actor: Actor | null, id: string): Promise<BookingDoc> {
  const b = await findBooking(id);
  if (!b || !(await bookingPolicy.can(actor, 'view', b))) throw fail(NOT_FOUND.code, NOT_FOUND.message);
  return b;
}

/** The resident's view, or the staff view (notes) for those allowed it; abilities as of `now`. */
export async function present(ctx: LinliContext, b: BookingDoc, now: Date) {
  const c = await bookingContext([b], now);
  return (await bookingPolicy.can(ctx.state.actor, 'viewPrivate', b))
    ? presentStaffBooking(ctx.state.actor, b, c)
    : presentBooking(ctx.state.actor, b, c);
}

export async function clinicOf(b: BookingDoc) {
  const c = await findAnyClinic(b.clinic);
  if (!c) throw fail('not_found', '法律诊所不存在');
  return c;
}

export const actor = (ctx: LinliContext): Actor => ctx.state.actor!;

/** What most booking commands take: the booking, its clinic, who acts and the request (for the audit). */
export const onBooking = async (ctx: LinliContext, b: BookingDoc) => ({
  clinic: await clinicOf(b),
  booking: b,
  actor: actor(ctx),
  requestId: ctx.state.requestId,
});

export const agendaRange = (q: TAgendaQuery) => ({
  from: new Date(dayStart(q.from)),
  to: new Date(dayStart(addDays(q.from, q.days))),
});

export const SLOT_REFUSALS = {
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
export const WINDOW_REFUSALS = {
  reason_required: { code: 'validation_failed', field: 'reason', message: '距咨询开始不足诊所规定的时间，请填写原因' },
  override_not_allowed: { code: 'forbidden', message: '只有诊所协调员可以强制变更' },
  too_late: { code: 'conflict', message: '咨询已开始，不能再变更' },
  not_active: { code: 'conflict', message: '预约状态已变化，请刷新后重试' },
} satisfies Record<string, RefusalAnswer>;

/** A POST on one booking (`/api/clinic-bookings/:bookingId/<path>`), answered `{ outcome, booking }`. */
export const bookingActionFor =
  (deps: AppDeps) =>
  <B>(
    path: string,
    summary: string,
    action: (typeof bookingPolicy.actions)[number],
    body: z.ZodType<B> | undefined,
    run: (ctx: LinliContext, b: BookingDoc, body: B) => Promise<{ outcome: string; booking: BookingDoc }>,
  ) =>
    actionRoute({
      path: `/api/clinic-bookings/:bookingId/${path}`,
      summary,
      policy: signedIn,
      params: ZBookingIdParams,
      body,
      response: z.union([ZStaffBookingEnvelope, ZBookingEnvelope]),
      load: (ctx, params: TBookingIdParams) => loadBooking(ctx.state.actor, params.bookingId),
      resource: bookingPolicy,
      action,
      run,
      present: async (ctx, r) => ({ outcome: r.outcome, booking: await present(ctx, r.booking, deps.now()) }),
    });
