import type { z } from 'zod';
import {
  ZAssignMediatorInput,
  ZCaseIdParams,
  ZCaseOutcomeInput,
  ZCaseQueueQuery,
  ZClinicStatsDto,
  ZMediationCaseEnvelope,
  ZMediationCaseList,
  ZMediatorList,
  ZOpenCaseInput,
  ZPartyCaseList,
  ZSessionInput,
  ZStatsQuery,
  type TAssignMediatorInput,
  type TCaseIdParams,
  type TCaseOutcomeInput,
  type TCaseQueueQuery,
  type TOpenCaseInput,
  type TSessionInput,
  type TStatsQuery,
} from '@shared/schemas/clinic/mediation';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../http/actor';
import { fail, fieldError } from '../../http/errors';
import { anyRole, member } from '../../http/policy';
import { unlessRefused } from '../../http/refusals';
import { defineRoute, type LinliContext, type RouteSpec } from '../../http/route';
import { auditActor } from '../../platform/outbox/event';
import { actionRoute } from './action-route';
import { addSession, assignMediator, closeCase, openMediationCase } from './commands/mediation';
import type { MediationCaseDoc } from './model';
import { casePolicy, partyCasePolicy, statsPolicy } from './policy';
import { presentCase, presentPartyCase } from './presenter';
import { caseQueue, clinicNames, findAnyClinic, findCase, mediatorsWithLoad, partyCases } from './queries';
import { clinicStats, statsCsv } from './stats';

const committee = anyRole('mediator', 'clinic_coordinator', 'district_admin');
const NOT_OPEN = { code: 'conflict', message: '该调解案件已结案' } as const;

async function loadCase(actor: Actor | null, id: string) {
  const c = await findCase(id);
  if (!c || !(await casePolicy.can(actor, 'view', c))) throw fail('not_found', '调解案件不存在');
  return c;
}

/** Clinic stats for its coordinator; the district's (no clinic) for district admins and mediators (statsPolicy). */
async function statsFor(ctx: LinliContext, q: TStatsQuery) {
  if (q.to < q.from) throw fieldError('to', '结束日期不能早于开始日期');
  const actor = ctx.state.actor;
  const scope = { clinicId: q.clinicId ?? null };
  await statsPolicy.authorize(actor, 'view', scope, q.clinicId ? undefined : '请选择您所在的诊所');
  const abilities = { providerNoShows: await statsPolicy.can(actor, 'viewProviderNoShows', scope) };
  if (!q.clinicId) return clinicStats(q, '全区', abilities);
  const clinic = await findAnyClinic(q.clinicId);
  if (!clinic) throw fail('not_found', '法律诊所不存在');
  return clinicStats(q, clinic.name, abilities);
}

/** Who acts, for the command's audit entry. */
const by = (ctx: LinliContext) => ({ actor: ctx.state.actor!, requestId: ctx.state.requestId });

/** A committee action on one case: loaded (404 outside the committee), authorised, run, presented. */
const caseAction = <B>(
  path: string,
  summary: string,
  action: (typeof casePolicy.actions)[number],
  body: z.ZodType<B>,
  run: (ctx: LinliContext, c: MediationCaseDoc, body: B) => Promise<{ outcome: string; case: MediationCaseDoc }>,
) =>
  actionRoute({
    path: `/api/mediation/cases/:caseId/${path}`,
    summary,
    policy: committee,
    params: ZCaseIdParams,
    body,
    response: ZMediationCaseEnvelope,
    load: (ctx, params: TCaseIdParams) => loadCase(ctx.state.actor, params.caseId),
    resource: casePolicy,
    action,
    run,
    present: (_ctx, r) => ({ outcome: r.outcome, case: presentCase(r.case) }),
  });

export function mediationRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TCaseQueueQuery>({
      method: 'get',
      path: '/api/mediation/cases',
      summary: '人民调解委员会的案件队列（调解员、诊所协调员、区级管理员）：咨询转调解与矛盾纠纷上报',
      tags: ['clinic'],
      policy: committee,
      query: ZCaseQueueQuery,
      response: ZMediationCaseList,
      handler: async (ctx, { query }) => {
        ctx.body = { items: (await caseQueue(query.status)).map(presentCase) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/mediation-cases',
      summary: '我的调解：我作为当事人的调解案件（调解员、调解安排、结果；达成协议时附协议内容）',
      tags: ['clinic'],
      policy: member,
      response: ZPartyCaseList,
      handler: async (ctx) => {
        const actor = ctx.state.actor!;
        const now = deps.now();
        const mine = [];
        // The query finds the cases by party; the policy is the rule every item passes.
        for (const c of await partyCases(actor.userId)) if (await partyCasePolicy.can(actor, 'view', c)) mine.push(c);
        const names = await clinicNames(mine.flatMap((c) => (c.clinic ? [c.clinic] : [])));
        ctx.body = {
          items: await Promise.all(
            mine.map((c) => presentPartyCase(actor, c, c.clinic ? (names.get(String(c.clinic)) ?? null) : null, now)),
          ),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/mediation/mediators',
      summary: '可指派的调解员（调解委员会）：姓名与手上未结案件数',
      tags: ['clinic'],
      policy: committee,
      response: ZMediatorList,
      handler: async (ctx) => {
        // Who may list them is who may assign a case (casePolicy's `assign`, state aside).
        await casePolicy.authorize(ctx.state.actor, 'assign', { status: 'open' });
        ctx.body = { items: await mediatorsWithLoad() };
      },
    }),
    defineRoute<TOpenCaseInput>({
      method: 'post',
      path: '/api/mediation/cases',
      summary: '登记调解案件（来访登记）',
      tags: ['clinic'],
      policy: committee,
      body: ZOpenCaseInput,
      response: ZMediationCaseEnvelope,
      handler: async (ctx, { body }) => {
        const actor = ctx.state.actor!;
        if (body.clinicId && !(await findAnyClinic(body.clinicId))) throw fieldError('clinicId', '法律诊所不存在');
        const r = await openMediationCase(deps, {
          source: { kind: 'walk_in' },
          ...body,
          openedBy: actor.userId,
          audit: {
            actor: auditActor(actor),
            action: 'mediation.open',
            target: { type: 'mediation_case', id: '' },
            requestId: ctx.state.requestId,
          },
        });
        ctx.status = 201;
        ctx.body = { outcome: r.outcome, case: presentCase(r.case) };
      },
    }),
    defineRoute<undefined, undefined, TCaseIdParams>({
      method: 'get',
      path: '/api/mediation/cases/:caseId',
      summary: '调解案件详情（调解委员会）',
      tags: ['clinic'],
      policy: committee,
      params: ZCaseIdParams,
      response: ZMediationCaseEnvelope,
      handler: async (ctx, { params }) => {
        ctx.body = { outcome: 'found', case: presentCase(await loadCase(ctx.state.actor, params.caseId)) };
      },
    }),
    caseAction<TAssignMediatorInput>('mediator', '指派调解员', 'assign', ZAssignMediatorInput, async (ctx, c, body) => {
      const r = await assignMediator(deps, { case: c, mediatorId: body.mediatorId, ...by(ctx) });
      unlessRefused(r, {
        not_mediator: { code: 'validation_failed', field: 'mediatorId', message: '该账号不是调解员' },
        not_open: NOT_OPEN,
      });
      return r;
    }),
    caseAction<TSessionInput>(
      'sessions',
      '安排调解（时间、地点、记录），通知有账号的当事人',
      'addSession',
      ZSessionInput,
      async (ctx, c, body) => {
        const r = await addSession(deps, { case: c, body, ...by(ctx) });
        unlessRefused(r, { not_open: NOT_OPEN });
        return r;
      },
    ),
    caseAction<TCaseOutcomeInput>(
      'outcome',
      '记录调解结果：达成协议（须填协议内容）、未达成、撤回',
      'close',
      ZCaseOutcomeInput,
      async (ctx, c, body) => {
        const r = await closeCase(deps, { case: c, body, ...by(ctx) });
        unlessRefused(r, { not_open: NOT_OPEN });
        return r;
      },
    ),
    defineRoute<undefined, TStatsQuery>({
      method: 'get',
      path: '/api/clinic-stats',
      summary:
        '法律服务统计（本诊所或全区）：服务人数、咨询类别、未到场率、调解成功率（达成协议 ÷ (达成协议 + 未达成)，附数量）',
      tags: ['clinic'],
      policy: anyRole('clinic_coordinator', 'district_admin', 'mediator'),
      query: ZStatsQuery,
      response: ZClinicStatsDto,
      handler: async (ctx, { query }) => {
        ctx.body = await statsFor(ctx, query);
      },
    }),
    defineRoute<undefined, TStatsQuery>({
      method: 'get',
      path: '/api/clinic-stats.csv',
      summary: '法律服务统计导出（CSV，UTF-8 带 BOM）',
      tags: ['clinic'],
      policy: anyRole('clinic_coordinator', 'district_admin', 'mediator'),
      query: ZStatsQuery,
      produces: 'text/csv',
      handler: async (ctx, { query }) => {
        const s = await statsFor(ctx, query);
        ctx.set('Content-Type', 'text/csv; charset=utf-8');
        ctx.set(
          'Content-Disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`法律服务统计_${query.from}_${query.to}.csv`)}`,
        );
        ctx.body = statsCsv(s);
      },
    }),
  ];
}
