import type { OpenApiDocument, OpenApiOperation } from './openapi';

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const pre = (v: unknown) => `<pre>${esc(JSON.stringify(v, null, 2))}</pre>`;

function operationHtml(path: string, method: string, op: OpenApiOperation): string {
  const params = op.parameters.length
    ? `<h4>参数</h4><table><tr><th>名称</th><th>位置</th><th>必填</th><th>类型</th></tr>${op.parameters
        .map(
          (p) =>
            `<tr><td><code>${esc(p.name)}</code></td><td>${p.in}</td><td>${p.required ? '是' : '否'}</td><td><code>${esc(
              JSON.stringify(p.schema),
            )}</code></td></tr>`,
        )
        .join('')}</table>`
    : '';
  const body = op.requestBody ? `<h4>请求体</h4>${pre(op.requestBody.content['application/json']?.schema)}` : '';
  const responses = Object.entries(op.responses)
    .map(([status, r]) => {
      const schema = r.content ? Object.values(r.content)[0]?.schema : undefined;
      const show = schema && !('$ref' in schema) && Object.keys(schema).length ? pre(schema) : '';
      return `<li><b>${status}</b> ${esc(r.description)}${show}</li>`;
    })
    .join('');
  return `<section class="op" id="${esc(op.operationId)}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p>
<p class="meta">权限：<code>${esc(op['x-policy'])}</code>${op.security ? ' · 需要登录（Bearer 令牌）' : ' · 公开'}${
    op['x-requires-consent'] ? ' · 需同意当前隐私政策' : ''
  }</p>
${params}${body}<h4>响应</h4><ul>${responses}</ul></section>`;
}

/** A self-contained, readable HTML rendering of the OpenAPI document (no CDN, no scripts). */
export function renderDocsPage(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  const toc: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(operationHtml(path, method, op));
      toc.push(`<li><a href="#${esc(op.operationId)}">${method.toUpperCase()} ${esc(path)}</a></li>`);
    }
  }
  const sections = [...byTag.entries()].map(([tag, ops]) => `<h2>${esc(tag)}</h2>${ops.join('\n')}`).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} 接口文档</title>
<style>
body{font-family:system-ui,-apple-system,"Noto Sans CJK SC",sans-serif;margin:0;display:flex;color:#222}
nav{width:320px;height:100vh;overflow:auto;position:sticky;top:0;background:#f6f7f9;padding:12px;font-size:13px;box-sizing:border-box}
nav ul{list-style:none;padding:0;margin:0}nav li{margin:3px 0}
main{flex:1;padding:16px 32px;max-width:1000px}
.op{border:1px solid #e3e5e8;border-radius:8px;padding:8px 16px;margin:12px 0}
.m{display:inline-block;min-width:60px;text-align:center;color:#fff;border-radius:4px;padding:2px 6px;font-size:13px}
.get{background:#2f7d32}.post{background:#1565c0}.patch{background:#8e24aa}.put{background:#ef6c00}.delete{background:#c62828}
pre{background:#f6f7f9;padding:8px;overflow:auto;font-size:12px}table{border-collapse:collapse}td,th{border:1px solid #e3e5e8;padding:4px 8px;font-size:13px}
.meta{color:#666;font-size:13px}
</style></head><body>
<nav><b>${esc(doc.info.title)}</b> <small>v${esc(doc.info.version)}</small><p><a href="/api/openapi.json">openapi.json</a></p><ul>${toc.join('')}</ul></nav>
<main><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)}</p>
<h2>错误格式</h2>${pre(doc.components.schemas.Error)}
${sections}</main></body></html>`;
}
