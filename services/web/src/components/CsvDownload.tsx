/**
 * A CSV download: the route's answer fetched raw, saved under the file name the server gives (or a
 * fallback), with «Last ned CSV» busy while it runs and the outcome announced. Returns the button (for a
 * form's button row) and the message (for below the form).
 */
import { PktButton } from '@oslokommune/punkt-react';
import { useState, type ReactNode } from 'react';
import { norwegianMessage } from '../api/problems';

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useCsvDownload(
  fetchCsv: () => Promise<Response>,
  fallbackName: () => string,
  what: string,
): { button: ReactNode; message: ReactNode } {
  const [state, setState] = useState<{ busy: boolean; message: string | null; ok: boolean }>({
    busy: false,
    message: null,
    ok: true,
  });

  async function download() {
    setState({ busy: true, message: null, ok: true });
    try {
      const response = await fetchCsv();
      const blob = await response.blob();
      const disposition = response.headers.get('content-disposition') ?? '';
      const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName();
      save(blob, fileName);
      setState({ busy: false, message: `Lastet ned ${fileName}.`, ok: true });
    } catch (error) {
      setState({ busy: false, message: norwegianMessage(error, what), ok: false });
    }
  }

  return {
    button: (
      <PktButton type="button" skin="secondary" disabled={state.busy} onClick={() => void download()}>
        {state.busy ? 'Laster ned …' : 'Last ned CSV'}
      </PktButton>
    ),
    message: (
      <div aria-live="polite">
        {state.message && (
          <p
            role={state.ok ? 'status' : 'alert'}
            className={state.ok ? 'success-text' : 'error-text'}
            data-testid="csv-message"
          >
            {state.message}
          </p>
        )}
      </div>
    ),
  };
}
