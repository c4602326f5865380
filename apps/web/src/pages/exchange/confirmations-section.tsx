import { Button } from 'react-aria-components';
import { answer, api } from '../../api/client';
import { formatDateTime } from '../../format/time';
import { FormError } from '../../components/api-errors';
import { useExchangeMutation, type Exchange } from './exchange-queries';

/**
 * Each organisation's confirmation, and a "Confirm for <ORG>" button for each organisation the API
 * says the reader may still confirm for (`confirmableFor`).
 */
export function ConfirmationsSection({ exchange, timeZone }: { exchange: Exchange; timeZone: string }) {
  const confirm = useExchangeMutation(exchange.id, (organization: string) =>
    answer(api.POST('/v1/exchanges/{id}/confirm', { params: { path: { id: exchange.id } }, body: { organization } })),
  );
  const confirmable = exchange.confirmableFor;
  return (
    <section aria-labelledby="exchange-confirmations">
      <h2 id="exchange-confirmations">Confirmations</h2>
      <ul className="plain-list">
        {exchange.confirmations.map((c) => (
          <li key={c.organization}>
            <strong>{c.organization}</strong>:{' '}
            {c.confirmedAt ? (
              <>
                confirmed <time dateTime={c.confirmedAt}>{formatDateTime(c.confirmedAt, timeZone)}</time>
              </>
            ) : (
              'not confirmed yet'
            )}
            {c.remindedAt && !c.confirmedAt ? (
              <span className="facts__aside"> · reminded {formatDateTime(c.remindedAt, timeZone)}</span>
            ) : null}
            {c.escalatedAt && !c.confirmedAt ? (
              <span className="facts__aside"> · escalated {formatDateTime(c.escalatedAt, timeZone)}</span>
            ) : null}
          </li>
        ))}
      </ul>
      {confirmable.length > 0 ? (
        <div className="button-row">
          {confirmable.map((organization) => (
            <Button
              key={organization}
              className="button"
              isPending={confirm.isPending && confirm.variables === organization}
              onPress={() => confirm.mutate(organization)}
            >
              Confirm for {organization}
            </Button>
          ))}
        </div>
      ) : null}
      <FormError error={confirm.error} />
    </section>
  );
}
