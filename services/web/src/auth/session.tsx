/** The signed-in session for the whole app, and an API client that carries its token. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/client';
import type { DevTokenRequest } from '@plass/contracts/rest';
import type { AuthProvider, Session } from './auth-provider';
import { scheduleRefresh } from './token-refresh';

interface SessionContextValue {
  session: Session | null;
  /** Why the user was signed out, shown on the sign-in page. */
  signedOutReason: string | null;
  signIn(request: DevTokenRequest): Promise<Session>;
  signOut(reason?: string): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ provider, children }: { provider: AuthProvider; children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => provider.current());
  const [signedOutReason, setSignedOutReason] = useState<string | null>(null);

  const signIn = useCallback(
    async (request: DevTokenRequest) => {
      const next = await provider.signIn(request);
      setSignedOutReason(null);
      setSession(next);
      return next;
    },
    [provider],
  );
  const signOut = useCallback(
    (reason?: string) => {
      provider.signOut();
      setSignedOutReason(reason ?? null);
      setSession(null);
    },
    [provider],
  );

  // Renew shortly before the token expires: REST calls and the live socket take the new token.
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
    () => ({ session, signedOutReason, signIn, signOut }),
    [session, signedOutReason, signIn, signOut],
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
