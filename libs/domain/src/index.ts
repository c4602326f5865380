/**
 * The domain's vocabulary, declared once: statuses and their transitions, actors, roles,
 * markings, rejection codes, durations, workflow ids. Pure TypeScript (no Nest, no TypeORM, no
 * Node built-ins): workflows, the API and the workers all import it.
 */
export * from './actor';
export * from './duration';
export * from './error-codes';
export * from './exchange';
export * from './exchange-workflow';
export * from './follow-up';
export * from './marking';
export * from './people';
export * from './reminder';
export * from './search-attributes';
export * from './series';
export * from './series-workflow';
export * from './support-request';
export * from './support-request-workflow';
export * from './workflow-rejection';
export * from './workflow-update';
export * from './workflow-version';
export * from './pages';
export * from './attendance';
export * from './events';
