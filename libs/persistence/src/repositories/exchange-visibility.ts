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
    // Uncorrelated IN, not a correlated EXISTS: Postgres reads the viewer's exchanges once (by index)
    // and probes a hash, instead of one lookup per candidate exchange (10× faster with 800 open
    // exchanges, in the morning digest's benchmark, where every digest asks this).
    `(e.id IN (SELECT vp.exchange_id FROM exchange_participants vp WHERE vp.person_id = :viewer)
        OR (:coordinator AND e.id IN (SELECT veo.exchange_id FROM exchange_organizations veo WHERE veo.organization_id = :viewerOrg)))`,
    {
      viewer: viewer.personId,
      coordinator: viewer.coordinator,
      viewerOrg: viewer.organizationId,
    },
  );
}
