/**
 * The secrets among the variables, each with the development default that makes the local stack
 * work. Those defaults are public (they are in this repository), so with `NODE_ENV=production` (the
 * image's) none may be unset, left at its default or shorter than PRODUCTION_SECRET_MIN_LENGTH:
 * every process refuses to start and names each one. A new secret with a default goes here.
 */
export const SECRET_DEFAULTS = {
  LIAISON_ADMIN_TOKEN: 'liaison-dev-admin-token',
} as const;

export const PRODUCTION_SECRET_MIN_LENGTH = 32;

const HOW = `set a secret of your own, at least ${PRODUCTION_SECRET_MIN_LENGTH} characters (openssl rand -hex 32 makes one)`;

/** One line per weak secret, naming the variable and never its value; none outside production. */
export function productionSecretProblems(env: NodeJS.ProcessEnv): string[] {
  if (env.NODE_ENV !== 'production') return [];
  return Object.entries(SECRET_DEFAULTS).flatMap(([name, developmentDefault]) => {
    const value = env[name];
    if (value === undefined || value === '') {
      return [`${name}: not set, so it would be the public development default; in production (NODE_ENV=production) ${HOW}`];
    }
    if (value === developmentDefault) return [`${name}: is the public development default; in production (NODE_ENV=production) ${HOW}`];
    if (value.length < PRODUCTION_SECRET_MIN_LENGTH) {
      return [`${name}: must be at least ${PRODUCTION_SECRET_MIN_LENGTH} characters in production (NODE_ENV=production); ${HOW}`];
    }
    return [];
  });
}
