/**
 * The Updates a workflow takes, by name: for each, its argument and its answer. Declared here for
 * each kind of workflow (so the API can call them through one typed caller without importing
 * workflow code), and turned into Temporal definitions by the workflows library.
 */
export type UpdateTable = Record<string, { args: unknown; result: unknown }>;
