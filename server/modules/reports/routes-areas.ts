import {
  ZDuplicateCandidates,
  ZHandlerCandidates,
  ZHandlerCandidatesQuery,
  ZHeatQuery,
  ZHeatResult,
  ZPublicGridList,
  ZPublicGridQuery,
  type THeatQuery,
  type TPublicGridQuery,
} from '@shared/schemas/reports/areas';
import { REPORT_LIMITS } from '@shared/schemas/reports/reports';
import { ZIdParams, type TIdParams } from '@shared/schemas/reports/taxonomy';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { fail } from '../../http/errors';
import { anyRole, publicAccess } from '../../http/policy';
import { defineRoute, type RouteSpec } from '../../http/route';
import { heatMap, publicGrids } from './areas';
import { findDepartment, findReport, handlerCandidates, openNearby } from './queries';

const dispatchers = anyRole('dispatcher', 'district_admin');

/** Grids and the heat map for everyone; the dispatcher's pickers (handlers, the original of a duplicate). */
export function areaRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TPublicGridQuery>({
      method: 'get',
      path: '/api/report-grids',
      summary: '网格列表（公开：编码、名称、网格内一点、所属社区）；带 lng/lat（GCJ-02）时按距离由近及远，并给出该点所在网格（at）',
      tags: ['reports'],
      policy: publicAccess,
      response: ZPublicGridList,
      query: ZPublicGridQuery,
      handler: async (ctx, { query }) => {
        ctx.body = await publicGrids(query.lng === undefined || query.lat === undefined ? undefined : { lng: query.lng, lat: query.lat });
      },
    }),
    defineRoute<undefined, THeatQuery>({
      method: 'get',
      path: '/api/reports/heat',
      summary: `热力图：范围（bbox）内公开问题按网格（by=grid）或 geohash 单元（by=cell，precision 4-8）计数（含超时数），最多计 ${REPORT_LIMITS.heatCap} 条（capped 表示更多，请放大）`,
      tags: ['reports'],
      policy: publicAccess,
      response: ZHeatResult,
      query: ZHeatQuery,
      handler: async (ctx, { query }) => {
        ctx.body = await heatMap(query, deps.now());
      },
    }),
    defineRoute<undefined, z.infer<typeof ZHandlerCandidatesQuery>>({
      method: 'get',
      path: '/api/staff/report-handlers',
      summary: '派遣时可指定的处置人员：该部门中具有处置人员角色的在岗账号，含其未办结任务数',
      tags: ['reports'],
      policy: dispatchers,
      response: ZHandlerCandidates,
      query: ZHandlerCandidatesQuery,
      handler: async (ctx, { query }) => {
        const dept = await findDepartment(query.departmentId);
        if (!dept) throw fail('not_found', '处置部门不存在');
        ctx.body = { items: await handlerCandidates(dept) };
      },
    }),
    defineRoute<undefined, undefined, TIdParams>({
      method: 'get',
      path: '/api/staff/reports/:id/duplicate-candidates',
      summary: `标记重复时可选的原工单：同类别、${REPORT_LIMITS.staffDuplicateRadiusM} 米内未办结的其他工单，由近及远`,
      tags: ['reports'],
      policy: dispatchers,
      response: ZDuplicateCandidates,
      params: ZIdParams,
      handler: async (ctx, { params }) => {
        const r = await findReport(params.id);
        if (!r) throw fail('not_found', '工单不存在');
        const [lng, lat] = r.location.coordinates;
        const near = await openNearby(r.category, { lng, lat }, REPORT_LIMITS.staffDuplicateRadiusM);
        ctx.body = {
          radiusM: REPORT_LIMITS.staffDuplicateRadiusM,
          items: near
            .filter((n) => !n._id.equals(r._id))
            .map((n) => ({
              id: String(n._id),
              categoryLabel: n.categoryLabel,
              description: n.description,
              address: n.address,
              status: n.status,
              distanceM: Math.round(n.distanceM),
              createdAt: n.createdAt.toISOString(),
            })),
        };
      },
    }),
  ];
}
