/**
 * A ref that always holds the newest `value`, for effects and callbacks that must read it without
 * re-running when it changes. It is updated after the render commits (a layout effect, so before any
 * `useEffect` of the same commit reads it), never during render, as the React Compiler's rules require.
 * The ref itself never changes: listing it in an effect's dependencies (as exhaustive-deps asks) re-runs nothing.
 */
import { useLayoutEffect, useRef, type RefObject } from 'react';

export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
