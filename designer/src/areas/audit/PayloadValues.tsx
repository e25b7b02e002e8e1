import { JsonView } from '../../components/JsonView';
import { useTexts } from '../../i18n/language';
import { texts } from './texts';

/**
 * A record's payload as stored (already masked by the server): each top-level value that is set, text as text and
 * anything structured as indented JSON. Nothing is reformatted beyond that, so what the auditor reads is what is stored.
 */
export function PayloadValues({ payload }: { payload: unknown }) {
  const t = useTexts(texts);
  if (payload === null || payload === undefined) return <span className="hint">{t.noValues}</span>;
  if (typeof payload !== 'object' || Array.isArray(payload)) {
    return <JsonView value={payload} inline />;
  }

  const entries = Object.entries(payload as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
  if (entries.length === 0) return <span className="hint">{t.noValues}</span>;
  return (
    <dl className="audit-values">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{typeof value === 'object' ? <JsonView value={value} inline /> : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
