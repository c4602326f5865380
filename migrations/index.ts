import { InitialSchema1795810941000 } from './1795810941000-InitialSchema';

/** Every migration, in order. Listed here so that source (tests) and build (processes) agree. */
export const MIGRATIONS = [InitialSchema1795810941000];
