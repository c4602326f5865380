/** The Nest token of the Temporal client the API uses to start workflows and send them Updates. */
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
