import { useEffect, useRef, useState, type FormEvent } from 'react';
import { format, useTexts } from '../../../../i18n/language';
import { ErrorMessage } from '../../../../shell/ErrorMessage';
import { buildInput, initialValue, kindOf } from '../../../operations/inputForm';
import { texts as operationsTexts } from '../../../operations/texts';
import type { WorkflowInput } from '../../../operations/types';
import { texts } from '../../texts';
import type { WorkflowDefinition } from '../../model';

interface Props {
  workflow: WorkflowDefinition;
  busy: boolean;
  error: unknown;
  onStart: (input: Record<string, unknown>) => void;
  onClose: () => void;
}

/**
 * The test run's input form, built from the workflow's declared inputs, in a modal dialog (focus stays inside,
 * Escape closes it, focus returns to the button that opened it).
 */
export function TestRunDialog({ workflow, busy, error, onStart, onClose }: Props) {
  const t = useTexts(texts);
  const ops = useTexts(operationsTexts);
  const dialog = useRef<HTMLDialogElement>(null);
  const inputs = (workflow.inputs ?? []) as WorkflowInput[];
  const [values, setValues] = useState<Record<string, string | boolean>>(() => Object.fromEntries(inputs.map((i) => [i.name, initialValue(i)])));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    const { input, errors } = buildInput(inputs, values, ops);
    setFieldErrors(errors);
    const firstWrong = Object.keys(errors)[0];
    if (firstWrong !== undefined) {
      document.getElementById(`testrun-input-${firstWrong}`)?.focus();
      return;
    }
    onStart(input);
  }

  const errorList = Object.values(fieldErrors);
  return (
    <dialog
      ref={dialog}
      className="wf-testrun-dialog"
      aria-labelledby="wf-testrun-dialog-heading"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id="wf-testrun-dialog-heading">{format(t.testRunTitle, { name: workflow.name || workflow.id })}</h2>
        <p className="hint">{t.testRunIntro}</p>
        {errorList.length > 0 && (
          <div className="error" role="alert">
            <p>{ops.fixErrors}</p>
            <ul>
              {errorList.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        )}
        {inputs.length === 0 && <p>{t.testRunNoInputs}</p>}
        {inputs.map((input) => {
          const kind = kindOf(input);
          const id = `testrun-input-${input.name}`;
          const problem = fieldErrors[input.name];
          const value = values[input.name] ?? '';
          const set = (v: string | boolean) => setValues((old) => ({ ...old, [input.name]: v }));
          if (kind === 'boolean') {
            return (
              <div className="wf-field" key={input.name}>
                <label className="inline">
                  <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} /> {input.name}
                </label>
              </div>
            );
          }
          const common = {
            id,
            value: String(value),
            'aria-required': input.required || undefined,
            'aria-invalid': problem ? true : undefined,
            'aria-describedby': problem ? `${id}-error` : undefined,
          };
          return (
            <div className="wf-field" key={input.name}>
              <label htmlFor={id}>
                {input.name}
                {input.required ? ` ${ops.required}` : ''} <span className="hint">({kind})</span>
              </label>
              {kind === 'object' || kind === 'array' ? (
                <textarea {...common} className="code" rows={3} onChange={(e) => set(e.target.value)} />
              ) : (
                <input {...common} type="text" inputMode={kind === 'number' ? 'decimal' : kind === 'integer' ? 'numeric' : undefined} onChange={(e) => set(e.target.value)} />
              )}
              {problem && (
                <p id={`${id}-error`} className="field-error">
                  {problem}
                </p>
              )}
            </div>
          );
        })}
        <ErrorMessage error={error} />
        <div className="wf-row-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t.startTestRun}
          </button>
          <button type="button" onClick={onClose}>
            {t.cancel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
