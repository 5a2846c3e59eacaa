import { z } from 'zod';
import {
  ZCategoryDto,
  ZCategoryInput,
  ZCategoryList,
  ZDepartmentDto,
  ZDepartmentInput,
  ZDepartmentList,
  ZGridDto,
  ZGridImport,
  ZGridImportResult,
  ZGridInput,
  ZGridList,
  ZHolidayCalendar,
  ZIdParams,
  type TCategoryInput,
  type TDepartmentInput,
  type TGridInput,
  type THolidayCalendar,
  type TIdParams,
} from '@shared/schemas/reports/taxonomy';
import { ZApiKeyDto, ZApiKeyInput, ZApiKeyIssued, ZApiKeyList, type TApiKeyInput } from '@shared/schemas/reports/open311';
import type { AppDeps } from '../../deps';
import { anyRole } from '../../http/policy';
import { unlessRefused } from '../../http/refusals';
import { defineRoute, type RouteSpec } from '../../http/route';
import { deleteDepartment, deleteGrid, importGrids, issueApiKey, revokeApiKey, saveCalendar, saveCategory, saveDepartment, saveGrid } from './commands/taxonomy';
import type { ApiKeyDoc } from './model';
import { fail } from '../../http/errors';
import { presentCategory, presentDepartment, presentGrid } from './presenter';
import { holidayCalendar, listApiKeys, listCategories, listDepartments, listGrids, namesOf } from './queries';

const admin = anyRole('district_admin');
const ZDeleted = z.object({ id: z.string() });
/** Dispatchers read the setup (to pick departments and handlers); only district admins change it. */
const reader = anyRole('district_admin', 'dispatcher', 'handler');

const CODE_TAKEN = { code: 'report_code_taken', field: 'code' } as const;
const NOT_FOUND = { code: 'not_found', message: '记录不存在' } as const;
const presentKey = (k: ApiKeyDoc) => ({ id: String(k._id), name: k.name, prefix: k.prefix, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null });

export function adminRoutes(deps: AppDeps): RouteSpec[] {
  const departmentsDto = async () => {
    const list = await listDepartments();
    const names = await namesOf(list.flatMap((d) => d.handlers));
    return list.map((d) => presentDepartment(d, names));
  };
  const saveCat = (id?: string) => async (ctx: Parameters<RouteSpec['handler']>[0], body: TCategoryInput) => {
    const r = await saveCategory(deps, ctx.state.actor!, body, id);
    unlessRefused(r, { code_taken: CODE_TAKEN, not_found: NOT_FOUND, department_invalid: { code: 'validation_failed', fields: [{ path: 'defaultDepartmentId', message: '部门不存在' }] } });
    ctx.body = presentCategory(r.category);
  };
  const saveDept = (id?: string) => async (ctx: Parameters<RouteSpec['handler']>[0], body: TDepartmentInput) => {
    const r = await saveDepartment(deps, ctx.state.actor!, body, id);
    unlessRefused(r, { code_taken: { code: 'report_code_taken', field: 'name', message: '部门名称已存在' }, not_found: NOT_FOUND });
    ctx.body = presentDepartment(r.department, await namesOf(r.department.handlers));
  };
  const saveG = (id?: string) => async (ctx: Parameters<RouteSpec['handler']>[0], body: TGridInput) => {
    const r = await saveGrid(deps, ctx.state.actor!, body, id);
    unlessRefused(r, {
      code_taken: CODE_TAKEN,
      not_found: NOT_FOUND,
      polygon_invalid: (x) => ({ code: 'grid_polygon_invalid', message: x.message, field: 'polygon' }),
    });
    ctx.body = presentGrid(r.grid, await namesOf(r.grid.workers));
  };
  return [
    defineRoute({ method: 'get', path: '/api/admin/report-categories', summary: '问题类别（含停用）', tags: ['reports', 'admin'], policy: reader, response: ZCategoryList,
      handler: async (ctx) => void (ctx.body = { items: (await listCategories(false)).map(presentCategory) }) }),
    defineRoute<TCategoryInput>({ method: 'post', path: '/api/admin/report-categories', summary: '新建问题类别（区级管理员）：默认部门、受理/到场/处置时限、计时方式、附加属性', tags: ['reports', 'admin'], policy: admin, response: ZCategoryDto, body: ZCategoryInput,
      handler: async (ctx, { body }) => { await saveCat()(ctx, body); ctx.status = 201; } }),
    defineRoute<TCategoryInput, undefined, TIdParams>({ method: 'put', path: '/api/admin/report-categories/:id', summary: '修改问题类别（区级管理员）', tags: ['reports', 'admin'], policy: admin, response: ZCategoryDto, body: ZCategoryInput, params: ZIdParams,
      handler: (ctx, { body, params }) => saveCat(params.id)(ctx, body) }),
    defineRoute({ method: 'get', path: '/api/admin/report-departments', summary: '处置部门与处置人员', tags: ['reports', 'admin'], policy: reader, response: ZDepartmentList,
      handler: async (ctx) => void (ctx.body = { items: await departmentsDto() }) }),
    defineRoute<TDepartmentInput>({ method: 'post', path: '/api/admin/report-departments', summary: '新建处置部门（区级管理员）', tags: ['reports', 'admin'], policy: admin, response: ZDepartmentDto, body: ZDepartmentInput,
      handler: async (ctx, { body }) => { await saveDept()(ctx, body); ctx.status = 201; } }),
    defineRoute<TDepartmentInput, undefined, TIdParams>({ method: 'put', path: '/api/admin/report-departments/:id', summary: '修改处置部门（区级管理员）', tags: ['reports', 'admin'], policy: admin, response: ZDepartmentDto, body: ZDepartmentInput, params: ZIdParams,
      handler: (ctx, { body, params }) => saveDept(params.id)(ctx, body) }),
    defineRoute<undefined, undefined, TIdParams>({ method: 'delete', path: '/api/admin/report-departments/:id', summary: '删除处置部门（区级管理员）：仍被类别、网格或未办结工单使用时拒绝', tags: ['reports', 'admin'], policy: admin, response: ZDeleted, params: ZIdParams,
      handler: async (ctx, { params }) => {
        const r = await deleteDepartment(deps, ctx.state.actor!, params.id);
        unlessRefused(r, { not_found: NOT_FOUND, in_use: (x) => ({ code: 'report_setup_in_use', message: x.message }) });
        ctx.body = { id: params.id };
      } }),
    defineRoute({ method: 'get', path: '/api/admin/report-grids', summary: '网格（GeoJSON 多边形）与网格员', tags: ['reports', 'admin'], policy: reader, response: ZGridList,
      handler: async (ctx) => {
        const grids = await listGrids();
        const names = await namesOf(grids.flatMap((g) => g.workers));
        ctx.body = { items: grids.map((g) => presentGrid(g, names)) };
      } }),
    defineRoute<TGridInput>({ method: 'post', path: '/api/admin/report-grids', summary: '新建网格（区级管理员）：自相交的多边形会被拒绝', tags: ['reports', 'admin'], policy: admin, response: ZGridDto, body: ZGridInput,
      handler: async (ctx, { body }) => { await saveG()(ctx, body); ctx.status = 201; } }),
    defineRoute<TGridInput, undefined, TIdParams>({ method: 'put', path: '/api/admin/report-grids/:id', summary: '修改网格（区级管理员）', tags: ['reports', 'admin'], policy: admin, response: ZGridDto, body: ZGridInput, params: ZIdParams,
      handler: (ctx, { body, params }) => saveG(params.id)(ctx, body) }),
    defineRoute<undefined, undefined, TIdParams>({ method: 'delete', path: '/api/admin/report-grids/:id', summary: '删除网格（区级管理员）：已有工单保留网格编号，此后该区域的上报进入调度队列', tags: ['reports', 'admin'], policy: admin, response: ZDeleted, params: ZIdParams,
      handler: async (ctx, { params }) => {
        unlessRefused(await deleteGrid(deps, ctx.state.actor!, params.id), { not_found: NOT_FOUND });
        ctx.body = { id: params.id };
      } }),
    defineRoute<z.infer<typeof ZGridImport>>({ method: 'post', path: '/api/admin/report-grids/import', summary: '从 GeoJSON 导入网格（按编码新增或更新），逐行报告错误', tags: ['reports', 'admin'], policy: admin, response: ZGridImportResult, body: ZGridImport,
      handler: async (ctx, { body }) => void (ctx.body = await importGrids(deps, ctx.state.actor!, body.features)) }),
    defineRoute({ method: 'get', path: '/api/admin/report-calendar', summary: '工作日历（法定节假日与调休上班日）', tags: ['reports', 'admin'], policy: reader, response: ZHolidayCalendar,
      handler: async (ctx) => void (ctx.body = await holidayCalendar()) }),
    defineRoute<THolidayCalendar>({ method: 'put', path: '/api/admin/report-calendar', summary: '设置工作日历（区级管理员）：工作日计时的类别按此计算时限', tags: ['reports', 'admin'], policy: admin, response: ZHolidayCalendar, body: ZHolidayCalendar,
      handler: async (ctx, { body }) => void (ctx.body = await saveCalendar(deps, ctx.state.actor!, body)) }),
    defineRoute({ method: 'get', path: '/api/admin/open311-keys', summary: 'Open311 API 密钥（仅显示前缀）', tags: ['reports', 'admin'], policy: admin, response: ZApiKeyList,
      handler: async (ctx) => void (ctx.body = { items: (await listApiKeys()).map(presentKey) }) }),
    defineRoute<TApiKeyInput>({ method: 'post', path: '/api/admin/open311-keys', summary: '签发 Open311 API 密钥（区级管理员）：密钥只显示这一次，服务器仅保存其哈希', tags: ['reports', 'admin'], policy: admin, response: ZApiKeyIssued, body: ZApiKeyInput,
      handler: async (ctx, { body }) => {
        const { key, doc } = await issueApiKey(deps, ctx.state.actor!, body.name);
        ctx.status = 201;
        ctx.body = { key, apiKey: presentKey(doc) };
      } }),
    defineRoute<undefined, undefined, TIdParams>({ method: 'post', path: '/api/admin/open311-keys/:id/revoke', summary: '吊销 Open311 API 密钥（区级管理员）', tags: ['reports', 'admin'], policy: admin, response: ZApiKeyDto, params: ZIdParams,
      handler: async (ctx, { params }) => {
        const doc = await revokeApiKey(deps, ctx.state.actor!, params.id);
        if (!doc) throw fail('not_found', '密钥不存在或已吊销');
        ctx.body = presentKey(doc);
      } }),
  ];
}
