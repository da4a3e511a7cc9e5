import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /** Messages not to log, where the front end shows the same thing to a person in words (exact message text). */
  omit?: readonly string[];
}

/**
 * Structured logs on stderr, so stdout stays clean for `--json` output and the terminal chat.
 * Token-bearing fields are redacted wherever they appear.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', options: LoggerOptions = {}): Logger {
  const omitted = new Set(options.omit ?? []);
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
      ...(omitted.size > 0
        ? {
            hooks: {
              logMethod(args: Parameters<pino.LogFn>, method: pino.LogFn) {
                const message = args.find((a): a is string => typeof a === 'string');
                if (message !== undefined && omitted.has(message)) return;
                method.apply(this, args);
              },
            },
          }
        : {}),
    },
    pino.destination(2),
  );
}
