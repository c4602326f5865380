import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { useSearchParams } from 'react-router';
import { answer, api, messageOf } from '../../api/client';
import { useDocumentTitle } from '../../navigation/document-title';
import { safeNext } from '../../navigation/next-path';
import { signInFailure } from './sign-in-failures';

/**
 * Sign in by e-mail link (`POST /v1/auth/email-link`), and by single sign-on when the API offers it.
 * `?next=` (a path of this site) is where the link leads once opened.
 */
export default function SignInPage() {
  useDocumentTitle('Sign in');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const failure = signInFailure(params.get('error'));
  const [email, setEmail] = useState('');
  const methods = useQuery({ queryKey: ['auth', 'methods'], queryFn: () => answer(api.GET('/v1/auth/methods')) });
  const send = useMutation({
    mutationFn: (address: string) => answer(api.POST('/v1/auth/email-link', { body: { email: address, next } })),
  });

  if (send.isSuccess) {
    return (
      <section className="narrow">
        <h1>Check your e-mail</h1>
        <p role="status">
          Check your e-mail: if <strong>{send.variables}</strong> belongs to someone on Liaison, a sign-in link is on its way. It works
          once, for 15 minutes.
        </p>
        <Button className="button button--quiet" onPress={() => send.reset()}>
          Use another address
        </Button>
      </section>
    );
  }

  return (
    <section className="narrow">
      <h1>Sign in to Liaison</h1>
      {failure ? (
        <p role="alert" className="error-text">
          {failure}
        </p>
      ) : null}
      <p>Enter your e-mail address and Liaison will send you a link to sign in with.</p>
      <Form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          send.mutate(email.trim());
        }}
      >
        <TextField className="field" name="email" type="email" autoComplete="email" value={email} onChange={setEmail} isRequired>
          <Label>E-mail</Label>
          <Input />
          <FieldError className="error-text" />
        </TextField>
        {send.isError ? (
          <p role="alert" className="error-text">
            {messageOf(send.error)}
          </p>
        ) : null}
        <Button type="submit" className="button" isDisabled={send.isPending}>
          Send sign-in link
        </Button>
      </Form>
      {methods.data?.oidc ? (
        <p className="alternative">
          <a className="button button--quiet" href={`/v1/auth/oidc/start?next=${encodeURIComponent(next ?? '/')}`}>
            Sign in with single sign-on
          </a>
        </p>
      ) : null}
    </section>
  );
}
