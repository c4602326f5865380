import { z } from 'zod';

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    {
      message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    },
  );

/** Every variable the three processes read, with the default that makes the local stack work. */
export const configSchema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/liaison'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[\w.-]+:\d{1,5}$/, 'must be host:port')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('liaison'),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: z.enum(['true', 'false']).default('false'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_BASE_URL: url(['http:', 'https:']).optional(),
  LIAISON_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').default('liaison-dev-admin-token'),
  SMTP_URL: url(['smtp:', 'smtps:']).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().email().default('liaison@localhost.localdomain'),
  WEBHOOK_SIGNING_SECRET: z.string().min(16, 'must be at least 16 characters').default('liaison-dev-webhook-secret'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REMINDER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  REMINDER_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  REMINDER_BACKOFF_MS: z.coerce.number().int().min(10).default(2000),
  CALENDAR_FEED_SECRET: z.string().min(16, 'must be at least 16 characters').default('liaison-dev-calendar-feed-secret'),
  SERIES_MAX_PER_YEAR: z.coerce.number().int().min(1).max(366).default(366),
});

export type Env = z.infer<typeof configSchema>;
