import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes every Liaison workflow carries. They must exist on the cluster:
 * `scripts/services.sh` registers them on the dev server; docs/ARCHITECTURE.md gives the
 * commands for a production cluster. Pure module: workflow code imports it.
 */
export const LiaisonKind = defineSearchAttributeKey('LiaisonKind', SearchAttributeType.KEYWORD);
export const LiaisonEntityId = defineSearchAttributeKey('LiaisonEntityId', SearchAttributeType.KEYWORD);
export const LiaisonOrganizations = defineSearchAttributeKey('LiaisonOrganizations', SearchAttributeType.KEYWORD_LIST);
export const LiaisonStatus = defineSearchAttributeKey('LiaisonStatus', SearchAttributeType.KEYWORD);
export const LiaisonNextDeadline = defineSearchAttributeKey('LiaisonNextDeadline', SearchAttributeType.DATETIME);
