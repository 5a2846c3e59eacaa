/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under /open311/v2/, with the
 * specification's field names, as JSON and XML (each path exists as `.json` and `.xml`).
 * Requests are posted form-encoded with an `api_key` issued by a district admin (stored hashed).
 * `media_url` is stored as a link and never fetched. Linli's own statuses, the fixed-by-default
 * flag, the SLA and the history notes are exposed through the extension mechanism
 * (`extensions=true` → `extended_attributes`). Errors are the spec's `[{ code, description }]`.
 * Names, e-mail and phone of the requester are not stored (Linli has no account for them).
 */
import { randomBytes } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import { z } from 'zod';
import { isClosed, REPORT_STATUS_LABELS } from '@shared/schemas/reports/status';
import type { AppDeps } from '../../deps';
import { AppError } from '../../http/errors';
import { publicAccess } from '../../http/policy';
import { defineRoute, type LinliContext, type RouteSpec } from '../../http/route';
import { submitReport } from './commands/submit-report';
import { hashApiKey } from './commands/taxonomy';
import { Report, type CategoryDoc, type ReportDoc } from './model';
import { isOverdue } from './presenter';
import { findApiKey, findCategory, listCategories, listDepartments } from './queries';

type Format = 'json' | 'xml';
const xml = new XMLBuilder({ format: false, ignoreAttributes: false, suppressEmptyNode: false });

class Open311Error extends Error {
  constructor(readonly status: number, readonly description: string) {
    super(description);
  }
}

/** A body in both forms: JSON as the spec shows it, XML as its element tree. */
interface Shaped {
  json: unknown;
  xml: Record<string, unknown>;
}
const list = (root: string, item: string, items: unknown[]): Shaped => ({ json: items, xml: { [root]: { [item]: items } } });

function answer(ctx: LinliContext, format: Format, body: Shaped, status = 200): void {
  ctx.status = status;
  if (format === 'json') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(body.json);
  } else {
    ctx.type = 'application/xml';
    ctx.body = xml.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, ...body.xml });
  }
}

function serve(format: Format, run: () => Promise<Shaped>) {
  return async (ctx: LinliContext): Promise<void> => {
    try {
      answer(ctx, format, await run());
    } catch (err) {
      const fail = err instanceof Open311Error || err instanceof AppError ? err : null;
      if (!fail) throw err;
      const description = err instanceof Open311Error ? err.description : (err as AppError).message;
      answer(ctx, format, list('errors', 'error', [{ code: fail.status, description }]), fail.status);
    }
  };
}

const service = (c: CategoryDoc) => ({
  service_code: c.code,
  service_name: c.label,
  description: `${c.group} · ${c.kind === 'event' ? '事件' : '部件'}`,
  metadata: c.attributes.length > 0,
  type: 'realtime',
  keywords: c.group,
  group: c.group,
});

function serviceDefinition(c: CategoryDoc): Shaped {
  const attributes = c.attributes.map((a, i) => ({
      variable: true,
      code: a.code,
      datatype: a.options?.length ? 'singlevaluelist' : 'string',
      required: a.required,
      datatype_description: a.options?.length ? '从列表中选择' : '文本',
      order: i + 1,
      description: a.label,
      ...(a.options?.length ? { values: a.options.map((o) => ({ key: o, name: o })) } : {}),
  }));
  return {
    json: { service_code: c.code, attributes },
    xml: {
      service_definition: {
        service_code: c.code,
        attributes: { attribute: attributes.map(({ values, ...a }) => ({ ...a, ...(values ? { values: { value: values } } : {}) })) },
      },
    },
  };
}

function requestOut(r: ReportDoc, deptNames: Map<string, string>, extensions: boolean, now: Date) {
  const last = r.history[r.history.length - 1];
  const closed = isClosed(r.status) || r.status === 'rejected' || r.status === 'duplicate';
  return {
    service_request_id: String(r._id),
    status: closed ? 'closed' : 'open',
    status_notes: closed ? (last?.note ?? '') : '',
    service_name: r.categoryLabel,
    service_code: r.category,
    description: r.description,
    agency_responsible: r.department ? (deptNames.get(String(r.department)) ?? '') : '',
    service_notice: '',
    requested_datetime: r.createdAt.toISOString(),
    updated_datetime: r.updatedAt.toISOString(),
    expected_datetime: r.sla?.resolveDueAt ? r.sla.resolveDueAt.toISOString() : '',
    address: r.address,
    address_id: '',
    zipcode: '',
    lat: r.location.coordinates[1],
    long: r.location.coordinates[0],
    media_url: r.mediaUrl ?? '',
    ...(extensions
      ? {
          extended_attributes: {
            linli_status: r.status,
            linli_status_label: r.fixedByDefault ? '已办结（默认解决）' : REPORT_STATUS_LABELS[r.status],
            fixed_by_default: r.fixedByDefault,
            overdue: isOverdue(r, now),
            notes: r.history.map((h) => ({ datetime: h.at.toISOString(), summary: h.action, description: h.note })),
          },
        }
      : {}),
  };
}

const departmentNames = async () => new Map((await listDepartments()).map((d) => [String(d._id), d.name]));
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const ZAnyQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const ZAnyBody = z.record(z.string(), z.unknown());
const ZCodeParams = z.strictObject({ code: z.string().max(60) });

async function postRequest(deps: AppDeps, body: Record<string, unknown>): Promise<unknown[]> {
  const key = str(body.api_key);
  if (!key || !(await findApiKey(hashApiKey(key)))) throw new Open311Error(403, 'api_key 无效或已吊销');
  const code = str(body.service_code);
  if (!code) throw new Open311Error(400, 'service_code 必填');
  const lat = Number(body.lat);
  const lng = Number(body.long);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || lng < 73 || lng > 136 || lat < 3 || lat > 54)
    throw new Open311Error(400, 'lat/long 必填且须在中国境内（GCJ-02）');
  const description = str(body.description) ?? '';
  if (description.length < 5 || description.length > 1000) throw new Open311Error(400, 'description 须为 5-1000 个字');
  const media = str(body.media_url);
  if (media && (!/^https?:\/\/[^\s]+$/i.test(media) || media.length > 500)) throw new Open311Error(400, 'media_url 须为 http(s) 地址');
  const attributes: Record<string, string> = {};
  // `attribute[code]=value`: parsed into an object by the form parser, or kept flat by others.
  const nested = body.attribute && typeof body.attribute === 'object' ? Object.entries(body.attribute) : [];
  const flat = Object.entries(body).flatMap(([k, v]) => {
    const m = /^attribute\[([a-z0-9_]+)\]$/.exec(k);
    return m ? [[m[1], v] as [string, unknown]] : [];
  });
  for (const [k, v] of [...nested, ...flat]) if (typeof v === 'string' && /^[a-z0-9_]+$/.test(k)) attributes[k] = v.slice(0, 100);
  const token = randomBytes(12).toString('hex');
  const r = await submitReport(deps, {
    categoryCode: code,
    description,
    attributes,
    photoIds: [],
    location: { lng, lat },
    address: (str(body.address_string) ?? '（Open311 未提供地址）').slice(0, 100),
    anonymous: true,
    reporterId: null,
    source: 'open311',
    mediaUrl: media,
    open311Token: token,
  });
  if (r.outcome === 'unknown_category') throw new Open311Error(404, `service_code ${code} 不存在`);
  if (r.outcome === 'outside_district') throw new Open311Error(400, '位置不在本区范围内');
  if (r.outcome === 'attribute_missing') throw new Open311Error(400, `attribute[${r.path.slice('attributes.'.length)}] 必填（${r.label}）`);
  if (r.outcome === 'attribute_not_an_option') throw new Open311Error(400, `attribute[${r.path.slice('attributes.'.length)}] 须为以下之一：${r.options.join('、')}（${r.label}）`);
  if (r.outcome === 'photo_invalid') throw new Open311Error(400, '照片无效');
  if (r.outcome === 'content_risky') throw new Open311Error(400, 'description 或 address_string 含违规内容');
  return [{ service_request_id: String(r.report._id), token, service_notice: '', account_id: '' }];
}

async function findRequests(deps: AppDeps, q: Record<string, string | string[]>): Promise<unknown[]> {
  const one = (k: string) => (Array.isArray(q[k]) ? q[k][0] : q[k]);
  const filter: Record<string, unknown> = { status: { $ne: 'rejected' }, contentFlag: 'pass' };
  const ids = one('service_request_id');
  if (ids) {
    const list = ids.split(',').map((s) => s.trim());
    if (list.some((i) => !/^[0-9a-f]{24}$/i.test(i))) throw new Open311Error(400, 'service_request_id 格式不正确');
    filter._id = { $in: list };
  } else {
    const now = deps.now();
    const parse = (k: string) => {
      const v = one(k);
      if (!v) return undefined;
      const t = Date.parse(v);
      if (!Number.isFinite(t)) throw new Open311Error(400, `${k} 须为 W3C 日期时间`);
      return new Date(t);
    };
    const end = parse('end_date') ?? now;
    const start = parse('start_date') ?? new Date(end.getTime() - 90 * 86_400_000);
    filter.createdAt = { $gte: start, $lte: end };
    if (one('service_code')) filter.category = { $in: one('service_code')!.split(',') };
    const statuses = one('status')?.split(',');
    if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status 只能是 open 或 closed');
    if (statuses?.length === 1)
      filter.status = statuses[0] === 'closed' ? { $in: ['closed_fixed', 'closed_not_fixed', 'duplicate'] } : { $nin: ['closed_fixed', 'closed_not_fixed', 'duplicate', 'rejected'] };
  }
  const docs = await Report.find(filter).sort({ createdAt: -1 }).limit(1000).lean<ReportDoc[]>();
  const names = await departmentNames();
  return docs.map((r) => requestOut(r, names, one('extensions') === 'true', deps.now()));
}

export function open311Routes(deps: AppDeps): RouteSpec[] {
  const both = (make: (f: Format) => RouteSpec): RouteSpec[] => [make('json'), make('xml')];
  const produces = (f: Format) => (f === 'json' ? 'application/json' : 'application/xml');
  const tags = ['open311'];
  return [
    ...both((f) =>
      defineRoute({ method: 'get', path: `/open311/v2/services.${f}`, summary: `Open311 服务（问题类别）列表（${f}）`, tags, policy: publicAccess, produces: produces(f),
        handler: (ctx) => serve(f, async () => list('services', 'service', (await listCategories(true)).map(service)))(ctx) }),
    ),
    ...both((f) =>
      defineRoute<undefined, undefined, z.infer<typeof ZCodeParams>>({ method: 'get', path: `/open311/v2/services/:code.${f}`, summary: `Open311 服务定义：需要的附加属性（${f}）`, tags, policy: publicAccess, produces: produces(f), params: ZCodeParams,
        handler: async (ctx, { params }) =>
          serve(f, async () => {
            const c = await findCategory(params.code);
            if (!c || !c.active) throw new Open311Error(404, `service_code ${params.code} 不存在`);
            return serviceDefinition(c);
          })(ctx) }),
    ),
    ...both((f) =>
      defineRoute<Record<string, unknown>>({ method: 'post', path: `/open311/v2/requests.${f}`, summary: `Open311 提交问题（表单编码，api_key 必填；media_url 仅保存链接，不抓取）（${f}）`, tags, policy: publicAccess, produces: produces(f), body: ZAnyBody,
        handler: async (ctx, { body }) => {
          await serve(f, async () => list('service_requests', 'request', await postRequest(deps, body)))(ctx);
          if (ctx.status === 200) ctx.status = 201;
        } }),
    ),
    ...both((f) =>
      defineRoute<undefined, Record<string, string | string[]>>({ method: 'get', path: `/open311/v2/requests.${f}`, summary: `Open311 查询问题：service_request_id、service_code、start_date/end_date、status；extensions=true 给出扩展状态（${f}）`, tags, policy: publicAccess, produces: produces(f), query: ZAnyQuery,
        handler: async (ctx, { query }) => serve(f, async () => list('service_requests', 'request', await findRequests(deps, query)))(ctx) }),
    ),
    ...both((f) =>
      defineRoute<undefined, Record<string, string | string[]>, z.infer<typeof ZCodeParams>>({ method: 'get', path: `/open311/v2/requests/:code.${f}`, summary: `Open311 单个问题（${f}）`, tags, policy: publicAccess, produces: produces(f), params: ZCodeParams, query: ZAnyQuery,
        handler: async (ctx, { params, query }) =>
          serve(f, async () => {
            if (!/^[0-9a-f]{24}$/i.test(params.code)) throw new Open311Error(404, '问题不存在');
            const found = await findRequests(deps, { ...query, service_request_id: params.code });
            if (!found.length) throw new Open311Error(404, '问题不存在');
            return list('service_requests', 'request', found);
          })(ctx) }),
    ),
    ...both((f) =>
      defineRoute<undefined, undefined, z.infer<typeof ZCodeParams>>({ method: 'get', path: `/open311/v2/tokens/:code.${f}`, summary: `Open311 由 token 查询问题编号（${f}）`, tags, policy: publicAccess, produces: produces(f), params: ZCodeParams,
        handler: async (ctx, { params }) =>
          serve(f, async () => {
            const r = await Report.findOne({ open311Token: params.code }, { _id: 1 }).lean();
            if (!r) throw new Open311Error(404, 'token 不存在');
            return list('service_requests', 'request', [{ service_request_id: String(r._id), token: params.code }]);
          })(ctx) }),
    ),
  ];
}
