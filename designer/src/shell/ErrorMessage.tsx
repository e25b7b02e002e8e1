import { ApiError, NetworkError } from '../api/client';
import { useTexts } from '../i18n/language';
import { texts } from './texts';

/**
 * Shows an error from the API the way the server worded it (ProblemDetails detail, or title), with field errors as
 * a list. role="alert" makes screen readers announce it at once.
 */
export function ErrorMessage({ error }: { error: unknown }) {
  const t = useTexts(texts);
  if (!error) return null;
  let message: string;
  let lines: string[] = [];
  if (error instanceof ApiError) {
    message = error.problem.detail ?? error.problem.title ?? error.message;
    lines = error.fieldErrors;
  } else if (error instanceof NetworkError) {
    message = t.serverUnreachable;
  } else {
    message = error instanceof Error ? error.message : String(error);
  }
  return (
    <div className="error" role="alert">
      <p>
        <strong>{t.errorHeading}:</strong> {message}
      </p>
      {lines.length > 0 && (
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
