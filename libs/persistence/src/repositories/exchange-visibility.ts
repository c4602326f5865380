import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Who is reading exchanges, as far as visibility goes: a person, their organisation and whether
 * they coordinate for it. Null for a caller who sees every exchange (an admin, a service token).
 */
export type ExchangeViewer = { personId: string; organizationId: string; coordinator: boolean } | null;

/**
 * Narrows `qb` (the exchange aliased `e`) to the exchanges `viewer` may see: those they take part in,
 * and, for a coordinator, those their organisation takes part in. For repositories only.
 */
export function restrictToVisibleExchanges<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, viewer: ExchangeViewer): void {
  if (!viewer) return;
  qb.andWhere(
    `(EXISTS (SELECT 1 FROM exchange_participants vp WHERE vp.exchange_id = e.id AND vp.person_id = :viewer)
        OR (:coordinator AND EXISTS (SELECT 1 FROM exchange_organizations veo WHERE veo.exchange_id = e.id AND veo.organization_id = :viewerOrg)))`,
    {
      viewer: viewer.personId,
      coordinator: viewer.coordinator,
      viewerOrg: viewer.organizationId,
    },
  );
}
