/** Sandbox-only control and inspection endpoints under /sandbox (not part of WeChat's API). */
import { isRecord, Router, sendJson, sendText } from './http';
import type { Fault, SandboxState, SentMessage } from './state';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function beijingTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

function messagesPage(messages: SentMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map((m) => {
      const data = Object.entries(m.data)
        .map(([k, v]) => `<div><b>${escapeHtml(k)}</b>：${escapeHtml(String(v?.value ?? ''))}</div>`)
        .join('');
      return `<tr><td>${m.msgid}</td><td>${escapeHtml(beijingTime(m.sentAt))}</td><td>${escapeHtml(m.touser)}</td><td>${escapeHtml(
        m.template_id,
      )}</td><td>${escapeHtml(m.page ?? '')}</td><td>${data}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>微信沙箱 · 订阅消息</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:24px}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}</style></head>
<body><h1>微信沙箱 · 已发送的订阅消息</h1>
<p>共 ${messages.length} 条（仅用于开发与测试，生产环境不使用沙箱）。<a href="/sandbox/messages.json">JSON</a></p>
<table><thead><tr><th>消息编号</th><th>发送时间（北京时间）</th><th>接收用户 openid</th><th>模板编号</th><th>跳转页面</th><th>内容</th></tr></thead>
<tbody>${rows || '<tr><td colspan="6">暂无消息</td></tr>'}</tbody></table></body></html>`;
}

export function parseFault(body: unknown): Fault | string {
  if (!isRecord(body)) return 'body must be a JSON object';
  const { path, errcode, errmsg, httpStatus, times } = body;
  if (typeof path !== 'string' || !path.startsWith('/')) return 'path must start with /';
  if (errcode === undefined && httpStatus === undefined) return 'give errcode or httpStatus';
  if (errcode !== undefined && !Number.isInteger(errcode)) return 'errcode must be an integer';
  if (httpStatus !== undefined && (!Number.isInteger(httpStatus) || (httpStatus as number) < 400 || (httpStatus as number) > 599)) {
    return 'httpStatus must be 400..599';
  }
  const count = times === undefined ? 1 : times;
  if (!Number.isInteger(count) || (count as number) < 1) return 'times must be a positive integer';
  return {
    path,
    errcode: errcode as number | undefined,
    errmsg: typeof errmsg === 'string' ? errmsg : undefined,
    httpStatus: httpStatus as number | undefined,
    times: count as number,
  };
}

export function registerSandboxRoutes(router: Router, state: SandboxState): void {
  router.on('GET', '/', (_req, res) =>
    sendText(
      res,
      200,
      '<!doctype html><meta charset="utf-8"><title>微信沙箱</title><h1>微信沙箱</h1><ul>' +
        '<li><a href="/sandbox/messages">已发送的订阅消息</a></li><li><a href="/sandbox/pay/orders.json">支付订单</a></li></ul>',
      'text/html; charset=utf-8',
    ),
  );
  router.on('GET', '/sandbox/messages', (_req, res) =>
    sendText(res, 200, messagesPage(state.messages), 'text/html; charset=utf-8'),
  );
  router.on('GET', '/sandbox/messages.json', (_req, res) => sendJson(res, 200, { messages: state.messages }));
  router.on('DELETE', '/sandbox/messages', (_req, res) => {
    state.messages.length = 0;
    sendJson(res, 200, { ok: true });
  });

  router.on('GET', '/sandbox/faults', (_req, res) => sendJson(res, 200, { faults: state.faults }));
  router.on('POST', '/sandbox/faults', (req, res) => {
    const fault = parseFault(req.json);
    if (typeof fault === 'string') return sendJson(res, 400, { error: fault });
    state.faults.push(fault);
    sendJson(res, 200, { ok: true, fault });
  });
  router.on('DELETE', '/sandbox/faults', (_req, res) => {
    state.faults.length = 0;
    sendJson(res, 200, { ok: true });
  });

  router.on('GET', '/sandbox/media-checks/:traceId', (_req, res, params) => {
    const check = state.mediaChecks.get(params.traceId);
    if (!check) return sendJson(res, 404, { error: 'unknown trace_id' });
    sendJson(res, 200, { ...check, result: { suggest: check.suggest, label: check.label } });
  });
}
