/** fetch with a hard timeout; every failure to get a JSON answer becomes WechatError('unavailable'). */
import { WechatError } from './errors';

export const DEFAULT_TIMEOUT_MS = 5000;

export interface JsonResponse {
  status: number;
  headers: Headers;
  rawBody: string;
  body: unknown;
}

export async function fetchText(url: string, init: RequestInit, timeoutMs: number, what: string): Promise<JsonResponse> {
  let res: Response;
  let rawBody: string;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    rawBody = await res.text();
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (error as Error).message;
    throw new WechatError('unavailable', `${what}: ${reason}`);
  }
  let body: unknown;
  try {
    body = rawBody ? JSON.parse(rawBody) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, rawBody, body };
}

/** For api.weixin.qq.com: 5xx or non-JSON → unavailable; otherwise the JSON object. */
export async function fetchWechatJson(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  what: string,
): Promise<Record<string, unknown>> {
  const res = await fetchText(url, init, timeoutMs, what);
  if (res.status >= 500) throw new WechatError('unavailable', `${what}: HTTP ${res.status}`, undefined, res.status);
  if (typeof res.body !== 'object' || res.body === null || Array.isArray(res.body)) {
    throw new WechatError('unavailable', `${what}: HTTP ${res.status} without a JSON object`, undefined, res.status);
  }
  return res.body as Record<string, unknown>;
}

export function joinUrl(base: string, path: string, query?: Record<string, string>): string {
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  // Keep a base path prefix (e.g. http://host/prefix) by resolving relative to it.
  if (path.startsWith('/')) url.pathname = `${new URL(base).pathname.replace(/\/$/, '')}${path}`;
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  return url.toString();
}
