/** The signed-in session for the whole app, and an API client that carries its token. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/client';
import type { DevTokenRequest } from '@plass/contracts/rest';
import type { AuthProvider, Session } from './auth-provider';
import { scheduleRefresh } from './token-refresh';

interface SessionContextValue {
  session: Session | null;
  /** How this server signs in: the sign-in page and the callback route ask. */
  provider: AuthProvider;
  /** Why the user was signed out, shown on the sign-in page. */
  signedOutReason: string | null;
  /** The development sign-in (the provider of kind `dev` only). */
  signIn(request: DevTokenRequest): Promise<Session>;
  /** A session the provider completed elsewhere (the OIDC callback route). */
  signedIn(session: Session): void;
  /**
   * With a reason (an expired or refused token) the session is forgotten in this browser; without one
   * the user chose «Logg ut», which with OIDC ends the provider's session as well.
   */
  signOut(reason?: string): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ provider, children }: { provider: AuthProvider; children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => provider.current());
  const [signedOutReason, setSignedOutReason] = useState<string | null>(null);

  const signIn = useCallback(
    async (request: DevTokenRequest) => {
      if (provider.kind !== 'dev') throw new Error('this server signs in with OpenID Connect');
      const next = await provider.signIn(request);
      setSignedOutReason(null);
      setSession(next);
      return next;
    },
    [provider],
  );
  const signedIn = useCallback((next: Session) => {
    setSignedOutReason(null);
    setSession(next);
  }, []);
  const signOut = useCallback(
    (reason?: string) => {
      if (reason === undefined && provider.kind === 'oidc') {
        // Leaves for the provider's logout (it forgets the stored user); if that fails, forget it here.
        provider.endSession().catch(() => provider.signOut());
      } else {
        provider.signOut();
      }
      setSignedOutReason(reason ?? null);
      setSession(null);
    },
    [provider],
  );

  // OIDC renews by itself shortly before expiry (automaticSilentRenew): the new session goes everywhere.
  useEffect(() => {
    if (provider.kind !== 'oidc') return;
    return provider.onRenewed((next) =>
      setSession((current) => (current === null || current.token === next.token ? current : next)),
    );
  }, [provider]);

  // Renew shortly before the token expires: REST calls and the live socket take the new token. With OIDC
  // the provider's own renewal comes first; this one retries it and signs out when the token runs out.
  useEffect(() => {
    if (!session) return;
    return scheduleRefresh(
      session,
      (current) => provider.refresh(current),
      (next) => setSession(next),
      () => signOut('Økten er utløpt. Logg inn på nytt.'),
    );
  }, [session, provider, signOut]);

  const value = useMemo(
    () => ({ session, provider, signedOutReason, signIn, signedIn, signOut }),
    [session, provider, signedOutReason, signIn, signedIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session; only for pages behind the sign-in. */
export function useRequiredSession(): Session {
  const { session } = useSession();
  if (!session) throw new Error('no session: this page needs a signed-in user');
  return session;
}

/** An API client with the session's token; a 401 signs the user out with a reason. */
export function useApi(): ApiClient {
  const { session, signOut } = useSession();
  const token = session?.token ?? '';
  return useMemo(
    () => new ApiClient(token, () => signOut('Økten er utløpt. Logg inn på nytt.')),
    [token, signOut],
  );
}
