import { useTexts } from '../i18n/language';
import { ErrorMessage } from '../shell/ErrorMessage';
import { texts } from './texts';

/**
 * What a page says while it loads: the error (role="alert"), "Loading…" until something arrived, and `emptyText`
 * when what arrived is empty. All with role="status" so screen readers hear them.
 */
export function LoadStatus({
  error,
  loaded,
  empty = false,
  emptyText,
  loadingText,
}: {
  error: unknown;
  loaded: boolean;
  empty?: boolean;
  emptyText?: string;
  loadingText?: string;
}) {
  const t = useTexts(texts);
  return (
    <>
      <ErrorMessage error={error} />
      {!loaded && !error && <p role="status">{loadingText ?? t.loading}</p>}
      {loaded && empty && emptyText && <p role="status">{emptyText}</p>}
    </>
  );
}
