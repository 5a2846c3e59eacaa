import { ZAuditPage, ZAuditQuery, type TAuditQuery } from '@shared/schemas/audit';
import type { AppDeps } from '../../deps';
import { defineRoute, type RouteSpec } from '../../http/route';
import { anyRole } from '../../http/policy';
import { auditTargetTitles, listAuditEntries } from './queries';
import { presentAuditEntryTitled } from './presenter';

export function routes(_deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TAuditQuery>({
      method: 'get',
      path: '/api/admin/audit',
      summary: '审计日志（区级管理员）：按操作人、操作、对象、时间筛选，最新在前',
      tags: ['admin'],
      policy: anyRole('district_admin'),
      response: ZAuditPage,
      query: ZAuditQuery,
      handler: async (ctx, { query }) => {
        const { items, total } = await listAuditEntries(query);
        const titles = await auditTargetTitles(items);
        ctx.body = {
          items: items.map((e) => presentAuditEntryTitled(e, titles)),
          total,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
  ];
}
