import './components.css';

/** JSON for display, indented. */
export function pretty(value: unknown): string {
  return JSON.stringify(value ?? null, null, 2);
}

/**
 * A value shown as indented JSON (or `text` as it is), optionally under an h3 `heading`. The block scrolls and can
 * take focus so keyboard users can scroll it; `inline` wraps instead, for table cells.
 */
export function JsonView({
  value,
  text,
  heading,
  label,
  testId,
  inline = false,
}: {
  value?: unknown;
  text?: string;
  heading?: string;
  label?: string;
  testId?: string;
  inline?: boolean;
}) {
  const content = text ?? pretty(value);
  return (
    <>
      {heading && <h3>{heading}</h3>}
      {inline ? (
        <pre className="json-view inline">{content}</pre>
      ) : (
        <pre className="json-view" tabIndex={0} aria-label={label} data-testid={testId}>
          {content}
        </pre>
      )}
    </>
  );
}
