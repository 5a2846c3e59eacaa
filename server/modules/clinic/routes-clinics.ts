import {
  ZClinicEnvelope,
  ZClinicIdParams,
  ZClinicInput,
  ZClinicList,
  ZClinicPatch,
  ZNearbyClinicsQuery,
  type TClinicIdParams,
  type TClinicInput,
  type TClinicPatch,
  type TNearbyClinicsQuery,
} from '@shared/schemas/clinic/clinics';
import {
  ZAddProvider,
  ZProviderCandidateList,
  ZProviderEnvelope,
  ZProviderIdParams,
  ZProviderList,
  ZScheduleEnvelope,
  ZScheduleInput,
  type TAddProvider,
  type TProviderIdParams,
  type TScheduleInput,
} from '@shared/schemas/clinic/providers';
import { ZSlotList, ZSlotsQuery, type TSlotsQuery } from '@shared/schemas/clinic/bookings';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { fail, fieldError } from '../../http/errors';
import { anyRole, publicAccess, signedIn } from '../../http/policy';
import { unlessRefused } from '../../http/refusals';
import { defineRoute, type RouteSpec } from '../../http/route';
import { ZNoContent } from '@shared/schemas/common';
import { clinicSlots } from './availability';
import { addProvider, createClinic, removeClinic, saveSchedule, updateClinic, updateProvider } from './commands/manage';
import type { ProviderDoc } from './model';
import { clinicPolicy, managesClinic } from './policy';
import { presentClinic, presentProvider, presentSchedule, presentSlot } from './presenter';
import { findClinic, findProvider, findSchedule, listClinics, providerCandidates, providersOf } from './queries';
import { shanghaiDay } from './slots';
import { cachedSlots } from './slot-cache';

export async function loadClinic(id: string) {
  const c = await findClinic(id);
  if (!c) throw fail('not_found', '法律诊所不存在');
  return c;
}

async function loadManagedProvider(
  ctx: { state: { actor: import('../../http/actor').Actor | null } },
  id: string,
): Promise<ProviderDoc> {
  const p = await findProvider(id);
  if (!p) throw fail('not_found', '服务人员不存在');
  if (!managesClinic(ctx.state.actor, p.clinic)) throw fail('forbidden');
  return p;
}

const ZProviderChange = z.strictObject({ licenceVerified: z.boolean().optional(), active: z.boolean().optional() });
const manager = anyRole('clinic_coordinator', 'district_admin');

export function clinicRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TNearbyClinicsQuery>({
      method: 'get',
      path: '/api/clinics',
      summary: '法律诊所列表：给出位置时按距离由近到远（GCJ-02），可按咨询类别筛选',
      tags: ['clinic'],
      policy: publicAccess,
      query: ZNearbyClinicsQuery,
      response: ZClinicList,
      handler: async (ctx, { query }) => {
        const point: [number, number] | null =
          query.lng !== undefined && query.lat !== undefined ? [query.lng, query.lat] : null;
        ctx.body = { items: (await listClinics(point, query.topic)).map(presentClinic) };
      },
    }),
    defineRoute<TClinicInput>({
      method: 'post',
      path: '/api/clinics',
      summary: '新建法律诊所（区级管理员）',
      tags: ['clinic'],
      policy: anyRole('district_admin'),
      body: ZClinicInput,
      response: ZClinicEnvelope,
      handler: async (ctx, { body }) => {
        const r = await createClinic(deps, { body, actor: ctx.state.actor!, requestId: ctx.state.requestId });
        ctx.status = 201;
        ctx.body = { clinic: presentClinic(r.clinic) };
      },
    }),
    defineRoute<undefined, undefined, TClinicIdParams>({
      method: 'get',
      path: '/api/clinics/:clinicId',
      summary: '法律诊所详情',
      tags: ['clinic'],
      policy: publicAccess,
      params: ZClinicIdParams,
      response: ZClinicEnvelope,
      handler: async (ctx, { params }) => {
        ctx.body = { clinic: presentClinic(await loadClinic(params.clinicId)) };
      },
    }),
    defineRoute<TClinicPatch, undefined, TClinicIdParams>({
      method: 'patch',
      path: '/api/clinics/:clinicId',
      summary: '修改诊所资料与预约规则（本诊所协调员、区级管理员）',
      tags: ['clinic'],
      policy: manager,
      params: ZClinicIdParams,
      body: ZClinicPatch,
      response: ZClinicEnvelope,
      handler: async (ctx, { params, body }) => {
        const clinic = await loadClinic(params.clinicId);
        if (!managesClinic(ctx.state.actor, clinic._id)) throw fail('forbidden');
        const r = await updateClinic(deps, { clinic, body, actor: ctx.state.actor!, requestId: ctx.state.requestId });
        unlessRefused(r, { not_found: { code: 'not_found', message: '法律诊所不存在' } });
        ctx.body = { clinic: presentClinic(r.clinic) };
      },
    }),
    defineRoute<undefined, undefined, TClinicIdParams>({
      method: 'delete',
      path: '/api/clinics/:clinicId',
      summary: '撤销法律诊所（区级管理员）：不再接受预约，历史记录保留',
      tags: ['clinic'],
      policy: anyRole('district_admin'),
      params: ZClinicIdParams,
      response: ZNoContent,
      handler: async (ctx, { params }) => {
        const r = await removeClinic(deps, {
          clinic: await loadClinic(params.clinicId),
          actor: ctx.state.actor!,
          requestId: ctx.state.requestId,
        });
        unlessRefused(r, { not_found: { code: 'not_found', message: '法律诊所不存在' } });
        ctx.status = 204;
      },
    }),
    defineRoute<undefined, TSlotsQuery, TClinicIdParams>({
      method: 'get',
      path: '/api/clinics/:clinicId/slots',
      summary: '可预约时段（北京时间生成，每次最多 7 天，按周翻页）；填写对方当事人时回避有利益冲突的律师',
      tags: ['clinic'],
      policy: publicAccess,
      // The slots do not depend on who asks: skip the session and user reads.
      authenticateWhen: () => false,
      params: ZClinicIdParams,
      query: ZSlotsQuery,
      response: ZSlotList,
      handler: async (ctx, { params, query }) => {
        if (query.from < shanghaiDay(deps.now())) throw fieldError('from', '开始日期不能早于今天');
        const opposing = query.opposingName
          ? { name: query.opposingName, phone: query.opposingPhone, org: query.opposingOrg }
          : undefined;
        // Identical questions within a few seconds share one computation and one serialised
        // answer (slot-cache.ts): a hit costs no query and no JSON.stringify.
        ctx.type = 'application/json';
        ctx.body = await cachedSlots(
          JSON.stringify([params.clinicId, query, Math.floor(deps.now().getTime() / 60_000)]),
          async () => {
            const clinic = await loadClinic(params.clinicId);
            const r = await clinicSlots(clinic, { ...query, opposing }, deps.now());
            return JSON.stringify({ items: r.slots.map(presentSlot), fullDays: r.fullDays });
          },
        );
      },
    }),
    defineRoute<undefined, undefined, TClinicIdParams>({
      method: 'get',
      path: '/api/clinics/:clinicId/providers',
      summary: '诊所的律师与法学实习生（在岗者公开；协调员可见全部）',
      tags: ['clinic'],
      policy: publicAccess,
      params: ZClinicIdParams,
      response: ZProviderList,
      handler: async (ctx, { params }) => {
        const clinic = await loadClinic(params.clinicId);
        const all = await providersOf(clinic._id, !managesClinic(ctx.state.actor, clinic._id));
        const names = new Map(all.map((p) => [String(p._id), p.displayName]));
        ctx.body = {
          items: all.map((p) => presentProvider(p, p.supervisor ? (names.get(String(p.supervisor)) ?? null) : null)),
        };
      },
    }),
    defineRoute<undefined, undefined, TClinicIdParams>({
      method: 'get',
      path: '/api/clinics/:clinicId/provider-candidates',
      summary: '可添加为服务人员的账号（本诊所协调员）：持本诊所律师或实习生角色、尚未添加者；实习生附指导律师',
      tags: ['clinic'],
      policy: manager,
      params: ZClinicIdParams,
      response: ZProviderCandidateList,
      handler: async (ctx, { params }) => {
        const clinic = await loadClinic(params.clinicId);
        await clinicPolicy.authorize(ctx.state.actor, 'manageProviders', clinic);
        ctx.body = { items: await providerCandidates(clinic._id) };
      },
    }),
    defineRoute<TAddProvider, undefined, TClinicIdParams>({
      method: 'post',
      path: '/api/clinics/:clinicId/providers',
      summary: '添加服务人员（本诊所协调员）：律师须填执业证号并经核验；实习生须由本诊所律师指导',
      tags: ['clinic'],
      policy: manager,
      params: ZClinicIdParams,
      body: ZAddProvider,
      response: ZProviderEnvelope,
      handler: async (ctx, { params, body }) => {
        const clinic = await loadClinic(params.clinicId);
        await clinicPolicy.authorize(ctx.state.actor, 'manageProviders', clinic);
        const r = await addProvider(deps, { clinic, body, actor: ctx.state.actor!, requestId: ctx.state.requestId });
        unlessRefused(r, {
          user_not_found: { code: 'validation_failed', field: 'userId', message: '账号不存在或已停用' },
          no_grant: { code: 'validation_failed', field: 'userId', message: '该账号没有本诊所的对应角色' },
          licence_required: { code: 'validation_failed', field: 'licenceNo', message: '请填写律师执业证号' },
          supervisor_not_provider: {
            code: 'validation_failed',
            field: 'userId',
            message: '请先添加该实习生的指导律师',
          },
          already_provider: { code: 'conflict', message: '该账号已是本诊所的服务人员' },
        });
        ctx.status = 201;
        ctx.body = { provider: presentProvider(r.provider, null) };
      },
    }),
    defineRoute<z.infer<typeof ZProviderChange>, undefined, TProviderIdParams>({
      method: 'patch',
      path: '/api/clinic-providers/:providerId',
      summary: '核验律师执业证、启用或停用服务人员（本诊所协调员）',
      tags: ['clinic'],
      policy: manager,
      params: ZProviderIdParams,
      body: ZProviderChange,
      response: ZProviderEnvelope,
      handler: async (ctx, { params, body }) => {
        const provider = await loadManagedProvider(ctx, params.providerId);
        const r = await updateProvider(deps, {
          provider,
          change: body,
          actor: ctx.state.actor!,
          requestId: ctx.state.requestId,
        });
        unlessRefused(r, {
          not_lawyer: { code: 'validation_failed', field: 'licenceVerified', message: '只有律师需要核验执业证' },
        });
        ctx.body = { provider: presentProvider(r.provider, null) };
      },
    }),
    defineRoute<undefined, undefined, TProviderIdParams>({
      method: 'get',
      path: '/api/clinic-providers/:providerId/schedule',
      summary: '服务人员的排班（本人、协调员）',
      tags: ['clinic'],
      policy: signedIn,
      params: ZProviderIdParams,
      response: ZScheduleEnvelope,
      handler: async (ctx, { params }) => {
        const p = await findProvider(params.providerId);
        if (!p) throw fail('not_found', '服务人员不存在');
        if (String(p.user) !== ctx.state.actor!.userId && !managesClinic(ctx.state.actor, p.clinic))
          throw fail('forbidden');
        ctx.body = { schedule: presentSchedule(String(p._id), await findSchedule(p._id)) };
      },
    }),
    defineRoute<TScheduleInput, undefined, TProviderIdParams>({
      method: 'put',
      path: '/api/clinic-providers/:providerId/schedule',
      summary: '设置排班（本诊所协调员）：每周规则、例外日期、时长、前后缓冲、最短提前、每日上限',
      tags: ['clinic'],
      policy: manager,
      params: ZProviderIdParams,
      body: ZScheduleInput,
      response: ZScheduleEnvelope,
      handler: async (ctx, { params, body }) => {
        const provider = await loadManagedProvider(ctx, params.providerId);
        const r = await saveSchedule(deps, { provider, body, actor: ctx.state.actor!, requestId: ctx.state.requestId });
        unlessRefused(r, { invalid_schedule: (x) => ({ code: 'validation_failed', fields: x.fields }) });
        ctx.body = { schedule: presentSchedule(String(provider._id), r.schedule) };
      },
    }),
  ];
}
