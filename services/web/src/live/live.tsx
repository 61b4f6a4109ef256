/** The live connection of the signed-in user, and hooks that re-render when what they read changes. */
import type {
  AlertData,
  CapacityChangedData,
  HousingChangedData,
  IntakeChangedPush,
  SubscribeRequest,
} from '@plass/contracts';
import { scopeKey } from '@plass/domain';
import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useLatest } from '../hooks/use-latest';
import { useSession } from '../auth/session';
import { LiveConnection, type AlertTransition, type ConnectionStatus } from './live-connection';

const LiveContext = createContext<LiveConnection | null>(null);

export function LiveProvider({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const token = session?.token ?? null;
  const subject = session?.user.sub ?? null;
  const tokenRef = useLatest(token);
  const [connection, setConnection] = useState<LiveConnection | null>(null);

  // One connection per signed-in user: a renewed token of the same user does not reconnect.
  useEffect(() => {
    const initial = tokenRef.current;
    if (!subject || !initial) return;
    const live = new LiveConnection(initial, (message) => {
      if (/expired|utløpt/i.test(message)) signOut('Økten er utløpt. Logg inn på nytt.');
    });
    setConnection(live);
    return () => {
      live.close();
      setConnection(null);
    };
  }, [subject, signOut, tokenRef]);

  // The session was renewed (auth/token-refresh.ts): move the socket to the new token.
  useEffect(() => {
    if (connection && token) void connection.reauthenticate(token);
  }, [connection, token]);

  return <LiveContext.Provider value={connection}>{children}</LiveContext.Provider>;
}

export function useLiveConnection(): LiveConnection | null {
  return useContext(LiveContext);
}

function useRevision(connection: LiveConnection | null): number {
  return useSyncExternalStore(
    (listener) => connection?.onChange(listener) ?? (() => undefined),
    () => connection?.revision ?? 0,
  );
}

export function useConnectionStatus(): { status: ConnectionStatus; error: string | null } {
  const connection = useLiveConnection();
  useRevision(connection);
  return { status: connection?.status ?? 'connecting', error: connection?.error ?? null };
}

/**
 * Subscribes to the scopes for as long as the component is mounted; returns their newest states by
 * scope key (absent until known). `requests` is compared by content, so an inline array is fine.
 */
export function useLiveScopes(requests: SubscribeRequest[]): Map<string, CapacityChangedData> {
  const connection = useLiveConnection();
  const signature = requests.map((r) => scopeKey(r.scope, r.id)).join('|');
  const requestsRef = useLatest(requests);
  /** The scopes this component has joined, by key, with the function that leaves each. */
  const joined = useRef(new Map<string, () => void>());

  // Join what is new and leave what is gone, so a growing list does not leave and rejoin the rest.
  useEffect(() => {
    if (!connection) return;
    const wanted = new Map(requestsRef.current.map((r) => [scopeKey(r.scope, r.id), r]));
    for (const [key, leave] of joined.current) {
      if (!wanted.has(key)) {
        leave();
        joined.current.delete(key);
      }
    }
    for (const [key, request] of wanted) {
      if (!joined.current.has(key)) joined.current.set(key, connection.subscribe(request));
    }
  }, [connection, signature, requestsRef]);

  useEffect(() => {
    const current = joined.current;
    return () => {
      for (const leave of current.values()) leave();
      current.clear();
    };
  }, [connection]);

  useRevision(connection);
  const result = new Map<string, CapacityChangedData>();
  for (const request of requests) {
    const key = scopeKey(request.scope, request.id);
    const data = connection?.scope(key);
    if (data) result.set(key, data);
  }
  return result;
}

/** Calls `listener` for every alert transition pushed to the rooms this user is in. */
export function useAlertEvents(listener: (transition: AlertTransition, alert: AlertData) => void): void {
  const connection = useLiveConnection();
  const ref = useLatest(listener);
  useEffect(
    () => connection?.onAlert((transition, alert) => ref.current(transition, alert)),
    [connection, ref],
  );
}

export function useHousingEvents(listener: (change: HousingChangedData) => void): void {
  const connection = useLiveConnection();
  const ref = useLatest(listener);
  useEffect(() => connection?.onHousing((change) => ref.current(change)), [connection, ref]);
}

/** Calls `listener` for every referral change the user may read, and `onReconnect` after a reconnect. */
export function useReferralEvents(
  listener: (change: IntakeChangedPush) => void,
  onReconnect: () => void,
): void {
  const connection = useLiveConnection();
  const ref = useLatest(listener);
  const reconnectRef = useLatest(onReconnect);
  useEffect(() => connection?.onReferral((change) => ref.current(change)), [connection, ref]);
  useEffect(() => connection?.onReconnect(() => reconnectRef.current()), [connection, reconnectRef]);
}
