export * from './data-source-options';
export * from './entities';
export * from './migrator';
export * from './persistence.module';
export * from './postgres';
export * from './keyset';
export * from './locks';
export * from './workflow-starts';
