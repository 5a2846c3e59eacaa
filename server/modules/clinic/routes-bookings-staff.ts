import {
  ZAgendaQuery,
  ZCoordinatorBookingsQuery,
  ZDeclineInput,
  ZRecordInput,
  ZSignOffInput,
  ZStaffBookingList,
  type TAgendaQuery,
  type TCoordinatorBookingsQuery,
  type TDeclineInput,
  type TRecordInput,
  type TSignOffInput,
} from '@shared/schemas/clinic/bookings';
import type { AppDeps } from '../../deps';
import { fail } from '../../http/errors';
import { anyRole } from '../../http/policy';
import { unlessRefused } from '../../http/refusals';
import { defineRoute, type RouteSpec } from '../../http/route';
import { confirmBooking, declineBooking } from './commands/booking-changes';
import { recordConsultation, signOffRecord } from './commands/record';
import { managesClinic } from './policy';
import { presentStaffBooking } from './presenter';
import { agendaBookings, bookingContext, clinicBookings, signOffQueue } from './queries';
import { actor, agendaRange, bookingActionFor, onBooking, WINDOW_REFUSALS } from './booking-routing';

/**
 * The providers' and coordinators' booking routes: agenda, sign-off queue, the clinic's
 * bookings, and the staff actions (confirm, decline, record the consultation, sign off).
 */
export function staffBookingRoutes(deps: AppDeps): RouteSpec[] {
  const bookingAction = bookingActionFor(deps);
  return [
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
    bookingAction('confirm', '确认预约（律师、指导律师、协调员）', 'confirm', undefined, async (ctx, b) => {
      const r = await confirmBooking(deps, await onBooking(ctx, b));
      unlessRefused(r, { not_pending: { code: 'conflict', message: '该预约不在待确认状态' } });
      return r;
    }),
    bookingAction<TDeclineInput>(
      'decline',
      '婉拒预约并记录原因（律师、指导律师、协调员）',
      'decline',
      ZDeclineInput,
      async (ctx, b, body) => {
        const r = await declineBooking(deps, { ...(await onBooking(ctx, b)), reason: body.reason });
        unlessRefused(r, { not_active: WINDOW_REFUSALS.not_active });
        return r;
      },
    ),
    bookingAction<TRecordInput>(
      'record',
      '填写咨询记录（本人）：私密记录、给居民的意见摘要、结果；实习生的记录须指导律师签发',
      'record',
      ZRecordInput,
      async (ctx, b, body) => {
        const r = await recordConsultation(deps, { ...(await onBooking(ctx, b)), body });
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
      'signOff',
      ZSignOffInput,
      async (ctx, b, body) => {
        const r = await signOffRecord(deps, { ...(await onBooking(ctx, b)), comment: body.comment });
        unlessRefused(r, { not_awaiting: { code: 'conflict', message: '该记录不在待签发状态' } });
        return r;
      },
    ),
  ];
}
