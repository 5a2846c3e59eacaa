import Taro from '@tarojs/taro';
import type { TTransport } from './request';

function lowerKeys(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (h && typeof h === 'object') {
    for (const [k, v] of Object.entries(h as Record<string, unknown>)) out[k.toLowerCase()] = String(v);
  }
  return out;
}

/** Taro.request resolves for every HTTP status and rejects only when no response came back. */
export const taroTransport: TTransport = async (req) => {
  const res = await Taro.request({
    url: req.url,
    method: req.method,
    header: req.header,
    data: req.data as TaroGeneral.IAnyObject | undefined,
    timeout: req.timeout,
    dataType: 'json',
  });
  return { statusCode: res.statusCode, data: res.data === '' ? null : res.data, header: lowerKeys(res.header) };
};
