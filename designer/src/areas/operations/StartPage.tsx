import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { get, post } from '../../api/client';
import { format, useTexts } from '../../i18n/language';
import { ErrorMessage } from '../../shell/ErrorMessage';
import { Page } from '../../shell/Page';
import { buildInput, initialValue, kindOf } from './inputForm';
import { BackLink } from './BackLink';
import { texts } from './texts';
import type { DefinitionInfo, InstanceResult, WorkflowDefinition, WorkflowInput } from './types';
import './operations.css';

const jsonExamples: Record<string, string> = { object: '{"name": "value"}', array: '[1, 2, 3]' };

/** Starts the latest published version of a workflow with a form built from its declared inputs, then opens the instance. */
export default function StartPage() {
  const t = useTexts(texts);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('workflow') ?? '';
  const [definitions, setDefinitions] = useState<DefinitionInfo[]>();
  const [definition, setDefinition] = useState<WorkflowDefinition | null>();
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [correlationId, setCorrelationId] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<DefinitionInfo[]>('/api/definitions').then(setDefinitions, setError);
  }, []);

  useEffect(() => {
    setDefinition(undefined);
    setFieldErrors({});
    if (!chosen) return;
    let stale = false;
    (async () => {
      const versions = await get<DefinitionInfo[]>(`/api/definitions/${encodeURIComponent(chosen)}/versions`);
      const published = versions.filter((v) => v.state.toLowerCase() === 'published').map((v) => v.version);
      if (published.length === 0) return null;
      return get<WorkflowDefinition>(`/api/definitions/${encodeURIComponent(chosen)}?version=${Math.max(...published)}`);
    })().then(
      (found) => {
        if (stale) return;
        setDefinition(found);
        setValues(Object.fromEntries((found?.inputs ?? []).map((i) => [i.name, initialValue(i)])));
      },
      (e) => !stale && setError(e),
    );
    return () => {
      stale = true;
    };
  }, [chosen]);

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!definition) return;
    const { input, errors } = buildInput(definition.inputs ?? [], values, t);
    setFieldErrors(errors);
    setError(undefined);
    const firstWrong = Object.keys(errors)[0];
    if (firstWrong !== undefined) {
      // Keyboard and screen-reader users land on the first field to correct.
      document.getElementById(`input-${firstWrong}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await post<InstanceResult>(`/api/definitions/${encodeURIComponent(definition.id)}/execute`, {
        input,
        version: definition.version,
        correlationId: correlationId.trim() || undefined,
      });
      navigate(`/operations/instances/${encodeURIComponent(result.instanceId)}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  const ids = [...new Set((definitions ?? []).map((d) => d.id))].sort();
  const names = new Map((definitions ?? []).map((d) => [d.id, d.name]));
  const errorList = Object.values(fieldErrors);

  return (
    <Page title={t.startTitle}>
      <BackLink to="/operations">{t.title}</BackLink>
      <div className="field">
        <label htmlFor="start-workflow">{t.chooseWorkflow}</label>
        <select id="start-workflow" value={chosen} onChange={(e) => setParams(e.target.value ? { workflow: e.target.value } : {})}>
          <option value="">{t.chooseWorkflowPlaceholder}</option>
          {ids.map((id) => (
            <option key={id} value={id}>
              {names.get(id) && names.get(id) !== id ? `${names.get(id)} (${id})` : id}
            </option>
          ))}
        </select>
      </div>
      {chosen && definition === undefined && !error && <p role="status">{t.loading}</p>}
      {chosen && definition === null && <p role="status">{format(t.noPublished, { id: chosen })}</p>}
      {definition && (
        <form className="form ops-section" onSubmit={start} noValidate aria-labelledby="start-heading">
          <h2 id="start-heading">
            {definition.name} – {format(t.startVersion, { version: definition.version })}
          </h2>
          {definition.description && <p>{definition.description}</p>}
          {errorList.length > 0 && (
            <div className="error" role="alert">
              <p>{t.fixErrors}</p>
              <ul>
                {errorList.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
          {(definition.inputs ?? []).length === 0 && <p>{t.noInputs}</p>}
          {(definition.inputs ?? []).map((input) => (
            <InputField
              key={input.name}
              input={input}
              value={values[input.name] ?? ''}
              error={fieldErrors[input.name]}
              onChange={(v) => setValues((old) => ({ ...old, [input.name]: v }))}
              requiredText={t.required}
              jsonHint={(kind) => format(t.jsonHint, { example: jsonExamples[kind] })}
            />
          ))}
          <div className="field">
            <label htmlFor="start-correlation">{t.correlation}</label>
            <input id="start-correlation" value={correlationId} onChange={(e) => setCorrelationId(e.target.value)} />
          </div>
          <ErrorMessage error={error} />
          <div>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t.starting : t.start}
            </button>
          </div>
        </form>
      )}
      {!definition && <ErrorMessage error={error} />}
    </Page>
  );
}

function InputField({
  input,
  value,
  error,
  onChange,
  requiredText,
  jsonHint,
}: {
  input: WorkflowInput;
  value: string | boolean;
  error?: string;
  onChange: (value: string | boolean) => void;
  requiredText: string;
  jsonHint: (kind: string) => string;
}) {
  const kind = kindOf(input);
  const id = `input-${input.name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const isJson = kind === 'object' || kind === 'array';
  const hint = [input.description, isJson ? jsonHint(kind) : null].filter(Boolean).join(' ');
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const labelText = `${input.name}${input.required ? ` ${requiredText}` : ''}`;

  if (kind === 'boolean') {
    return (
      <div className="field">
        <div>
          <input id={id} type="checkbox" checked={value === true} aria-describedby={describedBy} onChange={(e) => onChange(e.target.checked)} />{' '}
          <label htmlFor={id}>{input.name}</label>
        </div>
        {hint && (
          <p id={hintId} className="hint">
            {hint}
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="field">
      <label htmlFor={id}>{labelText}</label>
      {isJson ? (
        <textarea
          id={id}
          rows={4}
          value={String(value)}
          aria-required={input.required || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          id={id}
          type="text"
          inputMode={kind === 'number' ? 'decimal' : kind === 'integer' ? 'numeric' : undefined}
          value={String(value)}
          aria-required={input.required || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="error">
          {error}
        </p>
      )}
    </div>
  );
}
