import { FINAL_SUPPORT_STATUSES } from '@liaison/domain';

/**
 * What the agenda of exchange `exchangeParam` takes in without anyone proposing it: shown while
 * the agenda is open, made items of its own when it freezes. Each entry counts as accepted by every
 * organisation, and is not repeated once it is an item of this agenda.
 * - `action-item`: the open action items of earlier occurrences of the same series. Each keeps its
 *   owner; its area is the first of the exchange it came from.
 * - `support-request`: on a senior-level exchange, the open support requests between two of its
 *   organisations with a deadline passed and not met, when no earlier upcoming senior-level exchange
 *   between those two still has an open agenda (the next one takes them). Owned by the assignee (the
 *   submitter while nobody is assigned); a RESTRICTED one shows only its marking and number.
 */
export function followUpEntriesSql(exchangeParam: string): string {
  const acceptedBy = `(SELECT array_agg(xo.code ORDER BY xo.code) FROM exchange_organizations xeo
                        JOIN organizations xo ON xo.id = xeo.organization_id WHERE xeo.exchange_id = x.id)`;
  const bothTakePart = (exchange: string) => `
    EXISTS (SELECT 1 FROM exchange_organizations r WHERE r.exchange_id = ${exchange}.id AND r.organization_id = sr.requesting_organization_id)
    AND EXISTS (SELECT 1 FROM exchange_organizations pr WHERE pr.exchange_id = ${exchange}.id AND pr.organization_id = sr.providing_organization_id)`;
  const final = FINAL_SUPPORT_STATUSES.map((s) => `'${s}'`).join(', ');
  return `SELECT (row_number() OVER (ORDER BY f.source, f.due_at, f.ref))::int AS rank, f.*
            FROM (
              SELECT 'action-item' AS source, a.id AS ref, a.id AS action_item_id, NULL::uuid AS support_request_id,
                     a.title, a.owner_id, a.due_at, p.organization_id, o.code AS organization_code,
                     src.areas[1] AS area_code, ${acceptedBy} AS accepted_by
                FROM exchanges x
                JOIN exchanges src ON src.series_id = x.series_id AND src.starts_at < x.starts_at
                JOIN action_items a ON a.exchange_id = src.id AND a.status = 'open'
                JOIN people p ON p.id = a.owner_id
                JOIN organizations o ON o.id = p.organization_id
               WHERE x.id = ${exchangeParam} AND x.series_id IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM agenda_items ai WHERE ai.exchange_id = x.id AND ai.action_item_id = a.id)
              UNION ALL
              SELECT 'support-request', sr.id, NULL::uuid, sr.id,
                     CASE WHEN sr.marking = 'RESTRICTED' THEN 'Support request ' || left(sr.id::text, 8) || ' (RESTRICTED)'
                          ELSE 'Support request: ' || sr.title END,
                     p.id, late.due_at, p.organization_id, o.code, sr.area_code, ${acceptedBy}
                FROM exchanges x
                JOIN support_requests sr ON sr.status NOT IN (${final}) AND ${bothTakePart('x')}
                JOIN LATERAL (SELECT MIN(d.due_at) AS due_at FROM support_request_deadlines d
                               WHERE d.support_request_id = sr.id AND d.met_at IS NULL AND d.paused_at IS NULL AND d.due_at < now()) late
                  ON late.due_at IS NOT NULL
                JOIN people p ON p.id = COALESCE(sr.assignee_id, sr.submitted_by)
                JOIN organizations o ON o.id = p.organization_id
               WHERE x.id = ${exchangeParam} AND x.level = 'senior'
                 AND NOT EXISTS (SELECT 1 FROM exchanges y
                                  WHERE y.level = 'senior' AND y.status IN ('scheduled', 'confirmed') AND y.agenda_frozen_at IS NULL
                                    AND y.starts_at > now() AND y.starts_at < x.starts_at AND ${bothTakePart('y')})
                 AND NOT EXISTS (SELECT 1 FROM agenda_items ai WHERE ai.exchange_id = x.id AND ai.support_request_id = sr.id)
            ) f`;
}
