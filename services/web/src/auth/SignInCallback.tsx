/**
 * The route the OpenID Connect provider sends the browser back to (`/innlogging/tilbake?code=…`):
 * exchanges the code for tokens, then on to the page asked for or the user's start page.
 */
import { PktAlert } from '@oslokommune/punkt-react';
import { useEffect, useState } from 'react';
import { Link, Navigate } from 'react-router-dom';
import type { RedirectSignIn, Session } from './auth-provider';
import { landingPathFor } from './landing';
import { useSession } from './session';

type Completion = Awaited<ReturnType<RedirectSignIn['completeSignIn']>>;

/** One exchange per callback URL: the code is single-use, and React may run the effect twice. */
const completions = new Map<string, Promise<Completion>>();

function completeOnce(provider: RedirectSignIn, url: string): Promise<Completion> {
  let completion = completions.get(url);
  if (!completion) {
    completion = provider.completeSignIn(url);
    completions.set(url, completion);
  }
  return completion;
}

type Outcome = { status: 'waiting' } | { status: 'done'; to: string } | { status: 'failed' };

export default function SignInCallback() {
  const { provider, session, signedIn } = useSession();
  const [outcome, setOutcome] = useState<Outcome>({ status: 'waiting' });

  useEffect(() => {
    document.title = 'Logger inn – Plassoversikt';
    if (provider.kind !== 'oidc') return;
    let cancelled = false;
    completeOnce(provider, window.location.href).then(
      ({ session: next, returnTo }: { session: Session; returnTo: string | null }) => {
        if (cancelled) return;
        signedIn(next);
        setOutcome({ status: 'done', to: landingPathFor(next.user, returnTo) });
      },
      () => !cancelled && setOutcome({ status: 'failed' }),
    );
    return () => {
      cancelled = true;
    };
  }, [provider, signedIn]);

  // The development sign-in has no way back from a provider: to its sign-in page.
  if (provider.kind !== 'oidc') return <Navigate to="/logg-inn" replace />;
  if (outcome.status === 'done') return <Navigate to={outcome.to} replace />;
  // Back here from the history after signing in: the code is spent, the session is not.
  if (outcome.status === 'failed' && session)
    return <Navigate to={landingPathFor(session.user, null)} replace />;
  return (
    <main id="innhold" className="sign-in">
      <h1>Plassoversikt</h1>
      {outcome.status === 'waiting' ? (
        <p className="muted" role="status">
          Logger inn …
        </p>
      ) : (
        <div className="stack">
          <PktAlert skin="error" compact role="alert">
            Innloggingen ble ikke fullført. Den kan ha tatt for lang tid, eller blitt åpnet i en annen fane.
          </PktAlert>
          <p>
            <Link to="/logg-inn">Prøv å logge inn på nytt</Link>
          </p>
        </div>
      )}
    </main>
  );
}
