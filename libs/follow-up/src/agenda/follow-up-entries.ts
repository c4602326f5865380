/**
 * The open action items of earlier occurrences of the same series that are not yet on the agenda
 * of exchange `exchangeParam`: what its agenda shows while open and takes in when it freezes.
 * Each keeps its owner; its area is the first of the exchange it came from; it counts as accepted
 * by every organisation, having been agreed already.
 */
export function followUpEntriesSql(exchangeParam: string): string {
  return `SELECT (row_number() OVER (ORDER BY a.due_at, a.id))::int AS rank,
                 a.id AS action_item_id, a.title, a.owner_id, a.due_at, p.organization_id, o.code AS organization_code,
                 src.areas[1] AS area_code, src.id AS source_exchange_id,
                 (SELECT array_agg(xo.code ORDER BY xo.code) FROM exchange_organizations xeo
                    JOIN organizations xo ON xo.id = xeo.organization_id WHERE xeo.exchange_id = x.id) AS accepted_by
            FROM exchanges x
            JOIN exchanges src ON src.series_id = x.series_id AND src.starts_at < x.starts_at
            JOIN action_items a ON a.exchange_id = src.id AND a.status = 'open'
            JOIN people p ON p.id = a.owner_id
            JOIN organizations o ON o.id = p.organization_id
           WHERE x.id = ${exchangeParam} AND x.series_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM agenda_items ai WHERE ai.exchange_id = x.id AND ai.action_item_id = a.id)`;
}
