import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * JSON logs (pino) for every process, tagged with the process name; request ids on every HTTP
 * line (taken from `X-Request-Id` or made up); authorization headers and tokens redacted;
 * health checks and metrics scrapes not logged.
 */
export function loggingModule(processName: string) {
  return LoggerModule.forRootAsync({
    inject: [LIAISON_CONFIG],
    useFactory: (config: LiaisonConfig) => ({
      pinoHttp: {
        level: config.logLevel,
        base: { process: processName },
        redact: {
          paths: ['req.headers.authorization', 'req.headers.cookie', 'req.query.token', 'res.headers["set-cookie"]', '*.token', 'token'],
          censor: '[redacted]',
        },
        genReqId: (req: IncomingMessage) => {
          const given = req.headers['x-request-id'];
          return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        },
        autoLogging: {
          ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(req.url ?? ''),
        },
        serializers: {
          req: (req: { id: string; method: string; url: string }) => ({
            id: req.id,
            method: req.method,
            // A feed or sign-in token, and an OpenID Connect authorization code (the callback's `code`), are credentials.
            url: req.url?.replace(/([?&](?:token|code)=)[^&]+/g, '$1[redacted]'),
          }),
        },
      },
    }),
  });
}
