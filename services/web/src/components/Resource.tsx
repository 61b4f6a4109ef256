/** Loading, error and "not available yet" states of a fetched resource, the same on every page. */
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { norwegianMessage } from '../api/problems';
import type { Resource } from '../api/use-resource';
import { Button, Notice } from './shell';

export function ErrorNotice({
  error,
  what,
  onRetry,
}: {
  error: unknown;
  what: string;
  onRetry?: () => void;
}) {
  const notAvailable = error instanceof ApiError && error.kind === 'not-available';
  return (
    <Notice
      skin={notAvailable ? 'info' : 'error'}
      role={notAvailable ? 'status' : 'alert'}
      aria-live={notAvailable ? 'polite' : 'assertive'}
      data-testid={notAvailable ? 'not-available' : 'error'}
    >
      <p>{norwegianMessage(error, what)}</p>
      {!notAvailable && onRetry && (
        <Button skin="secondary" size="small" onClick={onRetry}>
          Prøv igjen
        </Button>
      )}
    </Notice>
  );
}

export function ResourceView<T>({
  resource,
  what,
  children,
}: {
  resource: Resource<T>;
  /** What is fetched, in Norwegian, as the subject of a sentence ("Varsler"). */
  what: string;
  children: (data: T) => ReactNode;
}) {
  const { state } = resource;
  if (state.status === 'loading') {
    return (
      <p className="muted" role="status">
        Henter {what.toLowerCase()} …
      </p>
    );
  }
  return (
    <>
      {state.status === 'error' && <ErrorNotice error={state.error} what={what} onRetry={resource.reload} />}
      {state.data !== undefined && children(state.data)}
    </>
  );
}
