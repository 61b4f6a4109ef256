/** Before anything else: ask the gateway how to sign in and make that provider (choose-provider.ts). */
import { PktAlert, PktButton } from '@oslokommune/punkt-react';
import { useEffect, useState, type ReactNode } from 'react';
import type { AuthProvider } from './auth-provider';
import { chooseAuthProvider, fetchAuthConfig } from './choose-provider';

type Start = { status: 'loading' } | { status: 'ready'; provider: AuthProvider } | { status: 'failed' };

export function AuthStart({ children }: { children: (provider: AuthProvider) => ReactNode }) {
  const [start, setStart] = useState<Start>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    fetchAuthConfig()
      .then((config) => chooseAuthProvider(config))
      .then(
        (provider) => !cancelled && setStart({ status: 'ready', provider }),
        () => !cancelled && setStart({ status: 'failed' }),
      );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  if (start.status === 'ready') return children(start.provider);
  return (
    <main id="innhold" className="sign-in">
      <h1>Plassoversikt</h1>
      {start.status === 'loading' ? (
        <p className="muted" role="status">
          Starter …
        </p>
      ) : (
        <div className="stack">
          <PktAlert skin="error" compact role="alert">
            Plassoversikt får ikke kontakt med serveren. Sjekk nettforbindelsen og prøv igjen om litt.
          </PktAlert>
          <div>
            <PktButton
              type="button"
              onClick={() => {
                setStart({ status: 'loading' });
                setAttempt((n) => n + 1);
              }}
            >
              Prøv igjen
            </PktButton>
          </div>
        </div>
      )}
    </main>
  );
}
