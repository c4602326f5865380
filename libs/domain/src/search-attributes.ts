/**
 * The custom search attributes every Liaison workflow carries, by name and Temporal type. They must
 * exist on the cluster: `scripts/services.sh` registers them on the dev server; docs/ARCHITECTURE.md
 * gives the commands for a production cluster. Names only: the API and the workflows build their
 * keys from them.
 */
export const SEARCH_ATTRIBUTE_TYPES = {
  LiaisonKind: 'KEYWORD',
  LiaisonEntityId: 'KEYWORD',
  LiaisonOrganizations: 'KEYWORD_LIST',
  LiaisonStatus: 'KEYWORD',
  LiaisonNextDeadline: 'DATETIME',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTE_TYPES;

/** The key of one of them, as Temporal's `defineSearchAttributeKey` makes it (`{ name, type }`). */
export function searchAttributeKey<N extends SearchAttributeName>(
  name: N,
): { readonly name: N; readonly type: (typeof SEARCH_ATTRIBUTE_TYPES)[N] } {
  return { name, type: SEARCH_ATTRIBUTE_TYPES[name] };
}

/** The kinds of Liaison workflow, as LiaisonKind holds them. */
export const WORKFLOW_KINDS = ['exchange', 'series', 'support-request'] as const;
export type WorkflowKind = (typeof WORKFLOW_KINDS)[number];
