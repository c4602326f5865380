import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { answer, api, messageOf } from '../../api/client';
import { useDocumentTitle } from '../../navigation/document-title';
import { safeNext } from '../../navigation/next-path';
import { storeSession } from '../../session/session';

/**
 * Where a sign-in link lands (`/sign-in/link?token=…`). The token is spent only by a click on
 * "Continue to Liaison" (`POST /v1/auth/sessions`): mail scanners open links, and some run their
 * scripts, which would spend a one-time token before its owner could.
 */
export default function SignInLinkPage() {
  useDocumentTitle('Sign in');
  const [params] = useSearchParams();
  const token = params.get('token');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signIn = useMutation({
    mutationFn: (linkToken: string) => answer(api.POST('/v1/auth/sessions', { body: { token: linkToken } })),
    onSuccess: async ({ session, csrfToken, person, next }) => {
      storeSession(queryClient, { session, csrfToken, person });
      await navigate(safeNext(next) ?? '/', { replace: true });
    },
  });

  if (!token) {
    return (
      <section className="narrow">
        <h1>This sign-in link is incomplete</h1>
        <p>
          Open the whole link from the e-mail, or <Link to="/sign-in">ask for a new sign-in link</Link>.
        </p>
      </section>
    );
  }

  return (
    <section className="narrow">
      <h1>Sign in to Liaison</h1>
      {signIn.isError ? (
        <div role="alert">
          <p className="error-text">{messageOf(signIn.error)}</p>
          <p>
            <Link to="/sign-in">Ask for a new sign-in link</Link>
          </p>
        </div>
      ) : (
        <>
          <p>You opened a sign-in link. Continue to sign in on this browser.</p>
          <Button className="button" isDisabled={signIn.isPending || signIn.isSuccess} onPress={() => signIn.mutate(token)}>
            Continue to Liaison
          </Button>
        </>
      )}
    </section>
  );
}
