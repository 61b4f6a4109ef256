/**
 * A number that changes live: marked for a moment when it changes (an animation only for users who
 * have not asked for reduced motion; a static marker otherwise). Not a live region: pages announce
 * changes sparingly themselves.
 */
import { useEffect, useRef, useState } from 'react';

const HIGHLIGHT_MS = 2000;

export function LiveNumber({
  value,
  format,
  testId,
}: {
  value: number | null | undefined;
  format: (value: number | null | undefined) => string;
  testId?: string;
}) {
  const previous = useRef(value);
  const [direction, setDirection] = useState<'up' | 'down' | null>(null);

  useEffect(() => {
    const before = previous.current;
    previous.current = value;
    if (
      before === undefined ||
      before === null ||
      value === undefined ||
      value === null ||
      before === value
    ) {
      return;
    }
    setDirection(value > before ? 'up' : 'down');
    const timer = setTimeout(() => setDirection(null), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [value]);

  return (
    <span className="live-number" data-changed={direction ?? undefined} data-testid={testId}>
      {format(value)}
    </span>
  );
}
