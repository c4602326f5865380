import { useState } from 'react';
import { Button } from 'react-aria-components';
import { messageOf } from '../../api/client';
import { formatDateTime } from '../../format/time';
import { ConfirmDialog } from '../../components/dialogs';
import { useIssueToken, useRevokeToken, useTokens, type TokenInfo } from './profile-queries';
import { SecretDialog, type Secret } from './secret-dialog';

/**
 * My API tokens (`GET /v1/me/tokens`), for scripts and integrations: "Revoke" one, or "New token"
 * (`POST /v1/people/{my id}/tokens`), which revokes the others and shows its secret once.
 */
export function TokensSection({ personId, timeZone }: { personId: string; timeZone: string }) {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const issue = useIssueToken(personId);
  const [confirming, setConfirming] = useState(false);
  const [secret, setSecret] = useState<Secret>();
  const onOpenChange = (open: boolean) => {
    setConfirming(open);
    if (!open) issue.reset();
  };
  const issueToken = () =>
    issue.mutate(undefined, {
      onSuccess: (issued) => {
        setConfirming(false);
        setSecret(issued);
        // The secret lives in this component's state only, until "Done".
        issue.reset();
      },
    });
  return (
    <section aria-labelledby="tokens-heading" className="panel">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="hint">A token lets a script or another application use Liaison as you. Keep it secret.</p>
      {tokens.isPending ? <p className="status">Loading your tokens…</p> : null}
      {tokens.isError || revoke.isError ? (
        <p role="alert" className="error-text">
          {messageOf(tokens.error ?? revoke.error)}
        </p>
      ) : null}
      {tokens.data?.items.length === 0 ? <p>You have no API tokens.</p> : null}
      {tokens.data ? (
        <ul className="rows">
          {tokens.data.items.map((token) => (
            <li key={token.id} className="row">
              <TokenRow
                token={token}
                timeZone={timeZone}
                isRevoking={revoke.isPending && revoke.variables === token.id}
                onRevoke={() => revoke.mutate(token.id)}
              />
            </li>
          ))}
        </ul>
      ) : null}
      <Button className="button" onPress={() => setConfirming(true)}>
        New token
      </Button>
      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={onOpenChange}
        title="Issue a new API token?"
        confirmLabel="Issue token"
        isPending={issue.isPending}
        error={issue.error}
        onConfirm={issueToken}
      >
        <p>A new token revokes your earlier ones: whatever uses them stops working until you give it the new token.</p>
      </ConfirmDialog>
      <SecretDialog
        secret={secret}
        title="Your new API token"
        warning="Your earlier tokens are revoked."
        timeZone={timeZone}
        onClose={() => setSecret(undefined)}
      />
    </section>
  );
}

function TokenRow({
  token,
  timeZone,
  isRevoking,
  onRevoke,
}: {
  token: TokenInfo;
  timeZone: string;
  isRevoking: boolean;
  onRevoke: () => void;
}) {
  const created = formatDateTime(token.createdAt, timeZone);
  const state = token.revokedAt ? `Revoked ${formatDateTime(token.revokedAt, timeZone)}` : token.live ? 'Live' : 'Expired';
  return (
    <>
      <div className="row__main">
        <h3>
          Token of {created} <span className={token.live ? 'tag tag--strong' : 'tag'}>{token.live ? 'Live' : 'Not live'}</span>
        </h3>
        <p className="row__meta">
          {state}
          {token.expiresAt ? ` · expires ${formatDateTime(token.expiresAt, timeZone)}` : ''} · last used{' '}
          {token.lastUsedAt ? formatDateTime(token.lastUsedAt, timeZone) : 'never'}
          {token.current ? ' · the token of this request' : ''}
        </p>
      </div>
      {token.live ? (
        <Button className="button button--quiet" aria-label={`Revoke the token of ${created}`} isDisabled={isRevoking} onPress={onRevoke}>
          Revoke
        </Button>
      ) : null}
    </>
  );
}
