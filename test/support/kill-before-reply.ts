/**
 * Fault injector for crash tests, preloaded into the API child (`node --import`): when the
 * server is about to send its Nth 2xx reply on the path KILL_BEFORE_REPLY_PATH, the process
 * SIGKILLs itself — after the handler's work is committed, before the client hears of it. That
 * is the window a crash test must cover (e.g. WeChat Pay's notification applied but not
 * acknowledged, so WeChat retries it), hit on purpose instead of by timing luck.
 */
import http from 'node:http';

const path = process.env.KILL_BEFORE_REPLY_PATH;
const nth = Number(process.env.KILL_BEFORE_REPLY_NTH ?? 1);
let replies = 0;

if (path) {
  const end = http.ServerResponse.prototype.end;
  http.ServerResponse.prototype.end = function (this: http.ServerResponse, ...args: unknown[]) {
    if (this.req?.url?.split('?')[0] === path && this.statusCode >= 200 && this.statusCode < 300) {
      replies += 1;
      if (replies >= nth) process.kill(process.pid, 'SIGKILL');
    }
    return (end as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof end;
}
