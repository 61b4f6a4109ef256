/**
 * One form's outcome for the registry and housing pages: success announced (`action-success`), a refusal
 * as the problem in bokmål (`action-error`). When the control that had focus went away with the change
 * (a button replaced by another), focus moves to the message instead of falling to the page.
 */
import { PktAlert } from '@oslokommune/punkt-react';
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { norwegianMessage } from '../../api/problems';

export type Feedback = { kind: 'success'; text: string } | { kind: 'error'; text: string } | null;

export interface ActionRunner {
  feedback: Feedback;
  busy: string | null;
  /** The message's element (a callback ref). */
  attach: (element: HTMLDivElement | null) => void;
  /** Runs `work`; its answer is the success text. `what` names the action in an error ("Registreringen"). */
  run(action: string, what: string, work: () => Promise<string>): Promise<boolean>;
  /** A refusal found before sending (a field left empty). */
  fail(text: string): void;
  clear(): void;
}

/** The problem's words in bokmål, with what the refusal says beyond its code where it matters. */
export function refusalText(error: unknown, what: string): string {
  const text = norwegianMessage(error, what);
  if (error instanceof ApiError && error.code === 'UNIT_NOT_EMPTY') {
    const openStays = (error.problem as { openStays?: number } | undefined)?.openStays;
    return `${text.replace(/\.$/, '')}${openStays ? ` (${openStays} åpne opphold)` : ''}. Skriv ut eller flytt beboerne, eller rett tallet med en telling, før enheten legges ned.`;
  }
  return text;
}

export function useActionRunner(): ActionRunner {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const region = useRef<HTMLDivElement>(null);

  const keepFocus = () =>
    // After React has rendered the outcome: the message takes focus only if focus was lost.
    setTimeout(() => {
      const active = document.activeElement;
      if (!active || active === document.body) region.current?.focus();
    }, 0);

  const running = useRef(false);
  // Buttons are not disabled while a request runs (a disabled button drops focus to the page); a second
  // click meanwhile does nothing.
  const run = useCallback(async (action: string, what: string, work: () => Promise<string>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(action);
    setFeedback(null);
    try {
      setFeedback({ kind: 'success', text: await work() });
      return true;
    } catch (error) {
      setFeedback({ kind: 'error', text: refusalText(error, what) });
      return false;
    } finally {
      running.current = false;
      setBusy(null);
      keepFocus();
    }
  }, []);

  const fail = useCallback((text: string) => {
    setFeedback({ kind: 'error', text });
    keepFocus();
  }, []);
  const clear = useCallback(() => setFeedback(null), []);
  const attach = useCallback((element: HTMLDivElement | null) => {
    region.current = element;
  }, []);
  return { feedback, busy, attach, run, fail, clear };
}

export function FeedbackView({ runner, testId }: { runner: ActionRunner; testId?: string }) {
  const { feedback, attach } = runner;
  return (
    <div ref={attach} tabIndex={-1} aria-live="polite" className="feedback" data-form={testId}>
      {feedback?.kind === 'success' && (
        <PktAlert skin="success" compact role="status" data-testid="action-success">
          {feedback.text}
        </PktAlert>
      )}
      {feedback?.kind === 'error' && (
        <PktAlert skin="error" compact role="alert" data-testid="action-error">
          {feedback.text}
        </PktAlert>
      )}
    </div>
  );
}
