import { Button } from 'react-aria-components';
import { messageOf } from '../../api/client';
import { useWebhookTest } from './profile-queries';

/** "Send a test": a signed test event to my saved webhook URL (`POST /v1/me/webhooks/test`), and what the receiver answered. */
export function WebhookTest({ saved }: { saved: string | null }) {
  const test = useWebhookTest();
  return (
    <div className="webhook-test">
      <h3>Test your webhook</h3>
      <p className="hint">{saved ? `Sends a signed test event to ${saved}.` : 'You have no webhook URL saved yet.'}</p>
      <Button className="button button--quiet" isDisabled={test.isPending} onPress={() => test.mutate()}>
        {test.isPending ? 'Sending…' : 'Send a test'}
      </Button>
      <div role="status">
        {test.isSuccess
          ? test.data.delivered
            ? `Delivered: your receiver answered ${test.data.status ?? 'with success'}.`
            : `Not delivered: ${test.data.status === undefined ? 'your receiver did not answer' : `your receiver answered ${test.data.status}`}.`
          : null}
      </div>
      {test.isError ? (
        <p role="alert" className="error-text">
          {messageOf(test.error)}
        </p>
      ) : null}
    </div>
  );
}
