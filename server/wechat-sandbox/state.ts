/** In-memory state of one sandbox instance (nothing global: several sandboxes may run in one process). */

export interface SentMessage {
  msgid: number;
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
  sentAt: string;
}

export interface Fault {
  /** Request path to fail, e.g. `/cgi-bin/message/subscribe/send`. */
  path: string;
  /** WeChat errcode to answer with (HTTP 200, `{ errcode, errmsg }`). */
  errcode?: number;
  errmsg?: string;
  /** Answer with this HTTP status instead (e.g. 500). */
  httpStatus?: number;
  /** How many requests to fail before the endpoint works again. */
  times: number;
}

export type Suggest = 'pass' | 'review' | 'risky';

export interface MediaCheck {
  trace_id: string;
  openid?: string;
  media_url: string;
  media_type: number;
  scene?: number;
  suggest: Suggest;
  label: number;
  createdAt: string;
  /** 'pending' until pushed (or no callback is configured), then 'pushed' or 'push_failed'. */
  delivery: 'none' | 'pending' | 'pushed' | 'push_failed';
}

export interface SandboxState {
  appId: string;
  appSecret: string;
  tokenExpiresIn: number;
  tokens: Map<string, number>;
  stableToken?: { token: string; expiresAt: number };
  tokenRequests: number;
  usedCodes: Set<string>;
  messages: SentMessage[];
  nextMsgid: number;
  faults: Fault[];
  riskyWords: string[];
  reviewWords: string[];
  mediaChecks: Map<string, MediaCheck>;
  mediaCheckCallbackUrl?: string;
  messageToken: string;
  /** Set by stop(): background deliveries give up. */
  closed: boolean;
  timers: Set<NodeJS.Timeout>;
}

/** A delay that stop() can cut short, so no timer outlives the sandbox. */
export function later(state: SandboxState, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (state.closed) return resolve();
    const timer = setTimeout(() => {
      state.timers.delete(timer);
      resolve();
    }, ms);
    timer.unref();
    state.timers.add(timer);
  });
}

/** Take one matching fault (and count it down), if any is armed for this path. */
export function takeFault(state: SandboxState, path: string): Fault | undefined {
  const index = state.faults.findIndex((f) => f.path === path && f.times > 0);
  if (index < 0) return undefined;
  const fault = state.faults[index];
  fault.times -= 1;
  if (fault.times <= 0) state.faults.splice(index, 1);
  return fault;
}
