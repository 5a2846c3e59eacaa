import {
  PLACE_LIMITS,
  ZAdminPlaceQuery,
  ZNearbyPlaces,
  ZNearbyQuery,
  ZPlaceChanged,
  ZPlaceIdParams,
  ZPlaceImportInput,
  ZPlaceImportQuery,
  ZPlaceImportResult,
  ZPlaceInput,
  ZPlacePage,
  type TAdminPlaceQuery,
  type TNearbyQuery,
  type TPlaceIdParams,
  type TPlaceImportInput,
  type TPlaceImportQuery,
  type TPlaceInput,
} from '@shared/schemas/community/places';
import { ZNoContent } from '@shared/schemas/common';
import type { AppDeps } from '../../../deps';
import { AppError } from '../../../http/errors';
import { anyRole, publicAccess } from '../../../http/policy';
import { unlessRefused } from '../../../http/refusals';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { checkImport, deletePlace, insertImported, savePlace } from './commands';
import { presentNearby, presentPlace } from './presenter';
import { adminPlaces, forgetNearbyCache, nearbyPlaces } from './queries';

const placeAdmins = anyRole('district_admin', 'community_admin');
const NOT_FOUND = { code: 'not_found', message: '场所不存在或不可在此编辑' } as const;
const BAD_HOURS = {
  code: 'validation_failed' as const,
  fields: [{ path: 'openingHours', message: '营业时间格式不正确，例如：周一至周五 08:30-17:30；周六 09:00-12:00' }],
};

/** Adding (POST, 201) and editing (PUT /:id) a place: one command, one answer. */
function saveRoute(deps: AppDeps, method: 'post' | 'put', path: string, summary: string): RouteSpec {
  return defineRoute<TPlaceInput, undefined, Partial<TPlaceIdParams>>({
    method,
    path,
    summary,
    tags: ['community', 'admin'],
    policy: placeAdmins,
    response: ZPlaceChanged,
    ...(method === 'put' ? { params: ZPlaceIdParams } : {}),
    body: ZPlaceInput,
    handler: async (ctx, { body, params }) => {
      const r = await savePlace(deps, ctx.state.actor!, body, params?.id, ctx.state.requestId);
      forgetNearbyCache();
      unlessRefused(r, { bad_hours: BAD_HOURS, not_found: NOT_FOUND });
      if (method === 'post') ctx.status = 201;
      ctx.body = { outcome: r.outcome, place: presentPlace(r.place) };
    },
  });
}

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TNearbyQuery>({
      method: 'get',
      path: '/api/places/nearby',
      summary: '15 分钟生活圈：半径内（默认 1000 米）的便民服务，由近及远，含步行距离估算与是否营业中',
      tags: ['community'],
      policy: publicAccess,
      response: ZNearbyPlaces,
      query: ZNearbyQuery,
      authenticateWhen: () => false,
      handler: async (ctx, { query }) => {
        const now = deps.now();
        ctx.body = { items: (await nearbyPlaces(query)).map((p) => presentNearby(p, now)), radius: query.radius };
      },
    }),
    defineRoute<undefined, TAdminPlaceQuery>({
      method: 'get',
      path: '/api/admin/places',
      summary: '便民服务场所列表（区级、社区管理员）',
      tags: ['community', 'admin'],
      policy: placeAdmins,
      response: ZPlacePage,
      query: ZAdminPlaceQuery,
      handler: async (ctx, { query }) => {
        const { items, total } = await adminPlaces(query);
        ctx.body = { items: items.map(presentPlace), total, page: query.page, pageSize: query.pageSize };
      },
    }),
    saveRoute(deps, 'post', '/api/admin/places', '新增便民服务场所（名称、类型、地址、GCJ-02 坐标、电话、营业时间）'),
    saveRoute(deps, 'put', '/api/admin/places/:id', '修改便民服务场所（诊所、志愿服务站等由其模块维护，不可在此修改）'),
    defineRoute<undefined, undefined, TPlaceIdParams>({
      method: 'delete',
      path: '/api/admin/places/:id',
      summary: '删除便民服务场所',
      tags: ['community', 'admin'],
      policy: placeAdmins,
      response: ZNoContent,
      params: ZPlaceIdParams,
      handler: async (ctx, { params }) => {
        const r = await deletePlace(deps, ctx.state.actor!, params.id, ctx.state.requestId);
        forgetNearbyCache();
        unlessRefused(r, { not_found: NOT_FOUND });
        ctx.status = 204;
      },
    }),
    defineRoute<TPlaceImportInput, TPlaceImportQuery>({
      method: 'post',
      path: '/api/admin/places/import',
      summary: 'CSV 批量导入场所：逐行校验并报告每行的问题；有错误行时不导入任何数据，除非 partial=true（只导入正确的行）',
      tags: ['community', 'admin'],
      policy: placeAdmins,
      response: ZPlaceImportResult,
      body: ZPlaceImportInput,
      query: ZPlaceImportQuery,
      handler: async (ctx, { body, query }) => {
        const { valid, errors } = checkImport(body.csv, PLACE_LIMITS.importRows);
        const headerBroken = errors.some((e) => e.row === 1);
        if (errors.length && (!query.partial || headerBroken)) {
          throw new AppError('import_rows_invalid', {
            fields: errors.map((e) => ({ path: `rows.${e.row}${e.field ? `.${e.field}` : ''}`, message: `第 ${e.row} 行${e.field ? `“${e.field}”` : ''}：${e.message}` })),
          });
        }
        const imported = await insertImported(deps, ctx.state.actor!, valid.map((v) => v.input), ctx.state.requestId);
        forgetNearbyCache();
        ctx.body = {
          outcome: errors.length ? 'partially_imported' : 'imported',
          imported,
          skipped: new Set(errors.map((e) => e.row)).size,
          errors,
        };
      },
    }),
  ];
}
