import { ApiError, NetworkError } from '../api/client';
import { useTexts } from '../i18n/language';
import { texts } from './texts';

/**
 * Shows an error from the API: what the status means in the page's language, then the server's own words
 * (ProblemDetails detail, or title) and field errors, which name the exact thing and the fix. The server writes
 * English, so its words are marked lang="en" for screen readers on a Danish page. role="alert" makes screen readers
 * announce it at once.
 */
export function ErrorMessage({ error }: { error: unknown }) {
  const t = useTexts(texts);
  if (!error) return null;
  let message: string;
  let summary: string | undefined;
  let lines: string[] = [];
  if (error instanceof ApiError) {
    message = error.problem.detail ?? error.problem.title ?? error.message;
    summary = statusSummary(error.status, t);
    lines = error.fieldErrors;
  } else if (error instanceof NetworkError) {
    message = t.serverUnreachable;
  } else {
    message = error instanceof Error ? error.message : String(error);
  }
  return (
    <div className="error" role="alert">
      {summary === undefined ? (
        <p>
          <strong>{t.errorHeading}:</strong> {message}
        </p>
      ) : (
        <>
          <p>
            <strong>{t.errorHeading}:</strong> {summary}
          </p>
          <p>
            {t.serverSaid}: <span lang="en">{message}</span>
          </p>
        </>
      )}
      {lines.length > 0 && (
        <ul lang="en">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * What an HTTP status means for the user, in the page's language; undefined when there is nothing to add (401 is
 * left out: the sign-in form's own answer says it better than "not signed in").
 */
function statusSummary(status: number, t: (typeof texts)['da']): string | undefined {
  if (status >= 500) return t.status5xx;
  switch (status) {
    case 400:
      return t.status400;
    case 403:
      return t.status403;
    case 404:
      return t.status404;
    case 409:
      return t.status409;
    case 413:
      return t.status413;
    case 429:
      return t.status429;
    default:
      return undefined;
  }
}
