/** Loads a GET resource for a page: keeps the last data while it reloads, so numbers never blink away. */
import { useCallback, useEffect, useState } from 'react';
import { useLatest } from '../hooks/use-latest';
import { useApi } from '../auth/session';
import type { ApiClient } from './client';

export type ResourceState<T> =
  | { status: 'loading'; data: undefined; error: undefined }
  | { status: 'ok'; data: T; error: undefined }
  | { status: 'error'; data: T | undefined; error: unknown };

export interface Resource<T> {
  state: ResourceState<T>;
  reload(): void;
  /** Replaces the data locally (after a write answered with the new state). */
  set(update: (current: T | undefined) => T): void;
}

/**
 * `load` runs for each change of `key` (a string that identifies what to fetch; null skips loading).
 * Late answers to an older key are dropped.
 */
export function useResource<T>(
  key: string | null,
  load: (api: ApiClient, signal: AbortSignal) => Promise<T>,
): Resource<T> {
  const api = useApi();
  const [state, setState] = useState<ResourceState<T>>({
    status: 'loading',
    data: undefined,
    error: undefined,
  });
  const [generation, setGeneration] = useState(0);
  const loadRef = useLatest(load);

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    loadRef.current(api, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ok', data, error: undefined });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ status: 'error', data: s.data, error }));
      },
    );
    return () => controller.abort();
  }, [api, key, generation, loadRef]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback(
    (update: (current: T | undefined) => T) =>
      setState((s) => ({ status: 'ok', data: update(s.data), error: undefined })),
    [],
  );
  return { state, reload, set };
}
