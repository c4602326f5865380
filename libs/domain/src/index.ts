/**
 * The domain's vocabulary, declared once: statuses and their transitions, actors, roles,
 * markings, rejection codes, durations, workflow ids. Pure TypeScript (no Nest, no TypeORM, no
 * Node built-ins): workflows, the API and the workers all import it.
 */
export * from './actor';
export * from './duration';
export * from './exchange';
export * from './follow-up';
export * from './marking';
export * from './people';
export * from './reminder';
export * from './series';
export * from './support-request';
