import pino from 'pino';

/**
 * One pino logger per process. Secrets and personal data are redacted at the
 * source so no log line can carry a token, a password or an ID number.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}): pino.Logger {
  return pino({
    level,
    base: { service: 'linli', ...base },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.passwordHash',
        '*.token',
        '*.idNumber',
        '*.code',
      ],
      censor: '[redacted]',
    },
  });
}

export type Logger = pino.Logger;
