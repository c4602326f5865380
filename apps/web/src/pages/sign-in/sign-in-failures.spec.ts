import { OIDC_FAILURES } from '../../../../../libs/access/src/oidc/oidc-failures';
import { SIGN_IN_FAILURE_CODES, signInFailure } from './sign-in-failures';

describe('sign-in failures', () => {
  it('has a message for every code the OpenID Connect callback sends back, and no other', () => {
    expect([...SIGN_IN_FAILURE_CODES].sort()).toEqual(Object.keys(OIDC_FAILURES).sort());
  });

  it('says something plain for a code it does not know, and nothing without one', () => {
    expect(signInFailure('made_up')).toBe('The sign-in did not succeed. Try again.');
    expect(signInFailure(null)).toBeNull();
  });
});
