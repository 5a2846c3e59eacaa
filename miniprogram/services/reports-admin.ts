/**
 * 随手拍 settings for district admins: categories (taxonomy), departments, grids and their GeoJSON
 * import, the working calendar, Open311 API keys. Only the report-admin subpackage imports this.
 */
import type { TOut } from '@shared/schemas/common';
import type { ZUserPage } from '@shared/schemas/auth';
import type { TApiKeyInput, ZApiKeyDto, ZApiKeyIssued, ZApiKeyList } from '@shared/schemas/reports/open311';
import type {
  TCategoryInput,
  TDepartmentInput,
  TGridInput,
  THolidayCalendar,
  ZCategoryDto,
  ZCategoryList,
  ZDepartmentDto,
  ZDepartmentList,
  ZGridDto,
  ZGridImportResult,
  ZGridList,
  ZHolidayCalendar,
} from '@shared/schemas/reports/taxonomy';
import { http } from './api';

const { request } = http;
const id = encodeURIComponent;

export type TCategory = TOut<typeof ZCategoryDto>;
export type TDepartment = TOut<typeof ZDepartmentDto>;
export type TApiKey = TOut<typeof ZApiKeyDto>;
export type TGridImportResult = TOut<typeof ZGridImportResult>;
export type TGrid = TOut<typeof ZGridDto>;

export const reportsAdminApi = {
  categories: () => request<TOut<typeof ZCategoryList>>({ path: '/api/admin/report-categories' }),
  saveCategory: (body: TCategoryInput, categoryId?: string) =>
    request<TCategory>({ method: categoryId ? 'PUT' : 'POST', path: `/api/admin/report-categories${categoryId ? `/${id(categoryId)}` : ''}`, body }),
  departments: () => request<TOut<typeof ZDepartmentList>>({ path: '/api/admin/report-departments' }),
  saveDepartment: (body: TDepartmentInput, departmentId?: string) =>
    request<TDepartment>({ method: departmentId ? 'PUT' : 'POST', path: `/api/admin/report-departments${departmentId ? `/${id(departmentId)}` : ''}`, body }),
  /** Refused (report_setup_in_use, with what still uses it) while a category, grid or open report needs it. */
  deleteDepartment: (departmentId: string) => request<{ id: string }>({ method: 'DELETE', path: `/api/admin/report-departments/${id(departmentId)}` }),
  /** Staff accounts holding the handler role: the people a department can be given. */
  handlers: () => request<TOut<typeof ZUserPage>>({ path: '/api/admin/users', query: { role: 'handler', kind: 'staff', pageSize: 100 } }),
  grids: () => request<TOut<typeof ZGridList>>({ path: '/api/admin/report-grids' }),
  saveGrid: (body: TGridInput, gridId?: string) =>
    request<TGrid>({ method: gridId ? 'PUT' : 'POST', path: `/api/admin/report-grids${gridId ? `/${id(gridId)}` : ''}`, body }),
  deleteGrid: (gridId: string) => request<{ id: string }>({ method: 'DELETE', path: `/api/admin/report-grids/${id(gridId)}` }),
  importGrids: (collection: { type: 'FeatureCollection'; features: unknown[] }) =>
    request<TGridImportResult>({ method: 'POST', path: '/api/admin/report-grids/import', body: collection }),
  calendar: () => request<TOut<typeof ZHolidayCalendar>>({ path: '/api/admin/report-calendar' }),
  saveCalendar: (body: THolidayCalendar) => request<TOut<typeof ZHolidayCalendar>>({ method: 'PUT', path: '/api/admin/report-calendar', body }),
  apiKeys: () => request<TOut<typeof ZApiKeyList>>({ path: '/api/admin/open311-keys' }),
  issueApiKey: (body: TApiKeyInput) => request<TOut<typeof ZApiKeyIssued>>({ method: 'POST', path: '/api/admin/open311-keys', body }),
  revokeApiKey: (keyId: string) => request<TApiKey>({ method: 'POST', path: `/api/admin/open311-keys/${id(keyId)}/revoke` }),
};

/** A minutes value in its text box: a number as typed, a missing one as blank. */
export const minutesText = (n: number | undefined): string => (typeof n === 'number' && !Number.isNaN(n) ? String(n) : '');
