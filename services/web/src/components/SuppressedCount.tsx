/**
 * A count small-number suppression may have hidden (ADR 0223): the number, or «<5» with an explanation for
 * the eye (title) and the ear (hidden text). A hidden count is null in the answer, which names the threshold.
 */
import { formatCount } from '../format';

export type Suppression = { threshold: number } | null | undefined;

export const suppressedTitle = (threshold: number) =>
  `Skjult: under ${threshold}, eller skjult slik at en sum ikke avslører et lite tall`;

export function SuppressedCount({ value, suppression }: { value: number | null; suppression: Suppression }) {
  if (value !== null || !suppression) return <>{formatCount(value)}</>;
  // The title is for the mouse; screen readers get the words instead of «<5» (aria-label is not allowed here).
  return (
    <abbr className="suppressed" title={suppressedTitle(suppression.threshold)}>
      <span aria-hidden="true">{`<${suppression.threshold}`}</span>
      <span className="pkt-sr-only">{suppressedTitle(suppression.threshold)}</span>
    </abbr>
  );
}

/** The note under a report with hidden figures. */
export function SuppressionNote({ suppression }: { suppression: Suppression }) {
  if (!suppression) return null;
  return (
    <p className="muted" data-testid="suppression-note">
      Tall under {suppression.threshold} vises ikke for å verne personvernet, og vises som «&lt;
      {suppression.threshold}». Der en sum ellers ville avslørt et slikt tall, er også et annet tall skjult.
    </p>
  );
}

/** The text of a count for a summary or chart label: the number, or «<5» when hidden. */
export function countText(value: number | null, suppression: Suppression): string {
  return value === null && suppression ? `<${suppression.threshold}` : formatCount(value);
}
