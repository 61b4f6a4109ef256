import { useEffect, useRef, useState } from 'react';

/**
 * The least time between two reloads a live page makes when the city changes: a change reloads at once, a
 * burst of changes at most this often (the last change of a burst always gets its reload). Pages that
 * reload on every city version would otherwise ask the server once per projection batch under load.
 */
export const LIVE_RELOAD_GAP_MS = 250;

/** `value`, passed on at once after a quiet spell and at most every `gapMs` during a burst of changes. */
export function useThrottled<T>(value: T, gapMs = LIVE_RELOAD_GAP_MS): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(0, last.current + gapMs - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, gapMs]);
  return shown;
}
