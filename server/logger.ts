import pino from 'pino';
import pretty from 'pino-pretty';

export interface LoggerOptions {
  /**
   * Human-readable lines (pino-pretty) instead of JSON: development only, so the start banner
   * and a request's lines read at a glance in a terminal. Production keeps one JSON object per
   * line for the log collector.
   */
  pretty?: boolean;
  /** Where lines go (default stdout); tests pass their own stream. */
  destination?: NodeJS.WritableStream;
}

/** Pretty lines in development, JSON everywhere else. */
export const prettyLogsFor = (nodeEnv: string): boolean => nodeEnv === 'development';

/**
 * One pino logger per process. Secrets and personal data are redacted at the
 * source so no log line can carry a token, a password or an ID number.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}, opts: LoggerOptions = {}): pino.Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'linli', ...base },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'password',
        'token',
        '*.password',
        '*.passwordHash',
        '*.token',
        '*.idNumber',
        '*.code',
      ],
      censor: '[redacted]',
    },
  };
  if (opts.pretty) {
    // Synchronous, in this thread: lines keep their order with the banner main prints.
    const stream = pretty({
      colorize: opts.destination ? false : Boolean(process.stdout.isTTY),
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,service',
      sync: true,
      destination: opts.destination ?? 1,
    });
    return pino(options, stream);
  }
  return opts.destination ? pino(options, opts.destination as pino.DestinationStream) : pino(options);
}

export type Logger = pino.Logger;
