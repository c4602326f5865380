import { SEARCH_ATTRIBUTE_TYPES, SearchAttributeName, WorkflowKind } from '@liaison/domain';
import { defineSearchAttributeKey, SearchAttributePair } from '@temporalio/common';

/**
 * The custom search attributes every Liaison workflow carries (names and types in
 * `@liaison/domain`; the cluster must have them: `scripts/services.sh` registers them on the dev
 * server, docs/ARCHITECTURE.md gives the commands for a production cluster).
 *
 * Who sets them: the API sets all of them once, at the start, through `startSearchAttributes`
 * below, so a workflow is findable by kind, entity and organisation (and shows its first status and
 * deadline) from its first moment, before a worker has run a single task of it. From then on the
 * workflow alone keeps the two that change, LiaisonStatus and LiaisonNextDeadline, with the
 * workflow kit's publishers (which build their keys from the same names); the other three never
 * change. Nothing else writes them.
 */
const key = <N extends SearchAttributeName>(name: N) => defineSearchAttributeKey(name, SEARCH_ATTRIBUTE_TYPES[name]);

export const LiaisonKind = key('LiaisonKind');
export const LiaisonEntityId = key('LiaisonEntityId');
export const LiaisonOrganizations = key('LiaisonOrganizations');
export const LiaisonStatus = key('LiaisonStatus');
export const LiaisonNextDeadline = key('LiaisonNextDeadline');

/** The search attributes a workflow starts with; `nextDeadline` when it has one from the start. */
export function startSearchAttributes(
  kind: WorkflowKind,
  entityId: string,
  organizations: string[],
  status: string,
  nextDeadline?: Date,
): SearchAttributePair[] {
  return [
    { key: LiaisonKind, value: kind },
    { key: LiaisonEntityId, value: entityId },
    { key: LiaisonOrganizations, value: organizations },
    { key: LiaisonStatus, value: status },
    ...(nextDeadline ? [{ key: LiaisonNextDeadline, value: nextDeadline }] : []),
  ];
}
