import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../api/errors.ts';
import { useApp } from '../../app-context.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { graphql } from '../../generated/gql.ts';

const SignUp = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { ...SessionFields }
  }
`);

const SignIn = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) { ...SessionFields }
  }
`);

/**
 * Sign up or sign in, from one form: "Sign in" needs the handle and password, "Sign up" the
 * display name too. Enter signs in.
 */
export function AuthScreen() {
  const { sessions } = useApp();
  const [handle, setHandle] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [signUpState, signUp] = useMutation(SignUp);
  const [signInState, signIn] = useMutation(SignIn);
  const [error, setError] = useState<string | null>(null);
  const ids = { handle: useId(), displayName: useId(), password: useId() };
  const busy = signUpState.fetching || signInState.fetching;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value === 'signUp') {
      if (!displayName.trim()) return setError('Please check this: a display name is needed to sign up.');
      const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const result = await signUp({ input: { handle, displayName, password, timezone } });
      if (result.error) return setError(describeError(result.error));
      if (result.data) sessions.set(result.data.signUp);
    } else {
      const result = await signIn({ input: { handle, password } });
      if (result.error) return setError(describeError(result.error));
      if (result.data) sessions.set(result.data.signIn);
    }
  };

  return (
    <main className="auth">
      <h1>Chorus</h1>
      <p className="muted">Friends, conversations and a diary of your days, live.</p>
      <form onSubmit={submit} className="card stack">
        <label htmlFor={ids.handle}>Handle</label>
        <input id={ids.handle} value={handle} onChange={(e) => setHandle(e.target.value)} autoComplete="username" required autoFocus />
        <label htmlFor={ids.displayName}>Display name</label>
        <input
          id={ids.displayName}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          autoComplete="name"
          placeholder="Only to sign up"
        />
        <label htmlFor={ids.password}>Password</label>
        <input id={ids.password} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        <ErrorAlert error={error} />
        <div className="row">
          <button type="submit" name="action" value="signIn" disabled={busy}>
            Sign in
          </button>
          <button type="submit" name="action" value="signUp" className="secondary" disabled={busy}>
            Sign up
          </button>
        </div>
      </form>
    </main>
  );
}
