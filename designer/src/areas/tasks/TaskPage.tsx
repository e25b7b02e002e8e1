import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { get, post } from '../../api/client';
import { format, useLanguage, useTexts } from '../../i18n/language';
import { hasAnyRole, useSignedInUser } from '../../session/session';
import { ErrorMessage } from '../../shell/ErrorMessage';
import { Page } from '../../shell/Page';
import { TaskEvidence } from './TaskEvidence';
import { texts } from './texts';
import { when, type AnswerResult, type OpenTask, type TaskField } from './types';
import './tasks.css';

type Values = Record<string, string | boolean>;

/** One task: its context, the form the flow defined, a comment, and a button per outcome. */
export default function TaskPage() {
  const t = useTexts(texts);
  const { language } = useLanguage();
  const user = useSignedInUser();
  const { id = '' } = useParams();
  const [task, setTask] = useState<OpenTask | null>();
  const [values, setValues] = useState<Values>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>();
  const [missing, setMissing] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [answered, setAnswered] = useState<string>();

  useEffect(() => {
    get<OpenTask[]>('/api/tasks').then((tasks) => setTask(tasks.find((x) => x.task.id === id) ?? null), setError);
  }, [id]);

  const form = task?.task.payload;
  const fields = form?.fields ?? [];
  const canOpenInstance = hasAnyRole(user.roles, ['Operator']);

  async function answer(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const outcome = submitter?.value;
    if (!outcome || !task) return;
    const empty = fields.filter((f) => f.required && f.type !== 'boolean' && !String(values[f.name] ?? '').trim());
    setMissing(empty.map((f) => format(t.missingRequired, { name: f.label })));
    if (empty.length > 0) {
      document.getElementById(`field-${empty[0].name}`)?.focus();
      return;
    }
    const answers: Record<string, unknown> = {};
    for (const f of fields) {
      const v = values[f.name];
      if (f.type === 'boolean') answers[f.name] = v === true;
      else if (typeof v === 'string' && v.trim() !== '') answers[f.name] = v.trim();
    }
    setBusy(true);
    setError(undefined);
    try {
      const result = await post<AnswerResult>(`/api/tasks/${encodeURIComponent(task.task.id)}/answer`, {
        outcome,
        answers,
        comment: comment.trim() || null,
      });
      setAnswered(format(t.answered, { outcome, status: (t as Record<string, string>)['status_' + result.status] ?? result.status }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={form?.title ?? t.task}>
      <p>
        <Link to="/tasks">← {t.backToTasks}</Link>
      </p>
      {task === undefined && !error && <p role="status">{t.loading}</p>}
      {task === null && !answered && <p role="status">{format(t.notFound, { id })}</p>}
      {task && form && (
        <>
          {form.description && <p>{form.description}</p>}
          <section className="tasks-section" aria-labelledby="context-heading">
            <h2 id="context-heading">{t.context}</h2>
            <dl className="tasks-dl">
              <dt>{t.workflow}</dt>
              <dd>{task.definitionId ?? '–'}</dd>
              <dt>{t.businessKey}</dt>
              <dd>{task.correlationId ?? '–'}</dd>
              <dt>{t.instance}</dt>
              <dd>
                {canOpenInstance ? (
                  <Link to={`/operations/instances/${encodeURIComponent(task.instanceId)}`}>{task.instanceId}</Link>
                ) : (
                  task.instanceId
                )}
              </dd>
              <dt>{t.role}</dt>
              <dd>{form.role}</dd>
              <dt>{t.created}</dt>
              <dd>{when(task.task.createdAt, language)}</dd>
              {task.task.dueAt && (
                <>
                  <dt>{t.due}</dt>
                  <dd>{when(task.task.dueAt, language)}</dd>
                </>
              )}
            </dl>
          </section>
          {!answered && <TaskEvidence taskId={task.task.id} />}
          {answered ? (
            <p role="status" className="success" data-testid="answered">
              {answered}
            </p>
          ) : (
            <form className="form tasks-section" onSubmit={answer} noValidate aria-labelledby="answer-heading">
              <h2 id="answer-heading">{t.form}</h2>
              {missing.length > 0 && (
                <div className="error" role="alert">
                  <ul>
                    {missing.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                </div>
              )}
              {fields.map((f) => (
                <Field key={f.name} field={f} value={values[f.name]} requiredText={t.required} onChange={(v) => setValues((old) => ({ ...old, [f.name]: v }))} />
              ))}
              <div className="field">
                <label htmlFor="task-comment">{t.comment}</label>
                <textarea id="task-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
              </div>
              <ErrorMessage error={error} />
              <fieldset className="tasks-outcomes" aria-describedby="outcome-hint">
                <legend>{t.outcomes}</legend>
                <p id="outcome-hint" className="hint" style={{ flexBasis: '100%' }}>
                  {t.outcomeHint}
                </p>
                {(form.outcomes ?? []).map((o, i) => (
                  <button key={o} type="submit" name="outcome" value={o} className={i === 0 ? 'primary' : undefined} disabled={busy}>
                    {o}
                  </button>
                ))}
              </fieldset>
            </form>
          )}
        </>
      )}
      {answered && !task && (
        <p role="status" className="success">
          {answered}
        </p>
      )}
      {!answered && task !== null && !form && <ErrorMessage error={error} />}
      {task === null && <ErrorMessage error={error} />}
    </Page>
  );
}

function Field({
  field,
  value,
  requiredText,
  onChange,
}: {
  field: TaskField;
  value: string | boolean | undefined;
  requiredText: string;
  onChange: (value: string | boolean) => void;
}) {
  const id = `field-${field.name}`;
  const type = field.type.toLowerCase();
  if (type === 'boolean' || type === 'bool' || type === 'checkbox') {
    return (
      <div className="field">
        <div>
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} /> <label htmlFor={id}>{field.label}</label>
        </div>
      </div>
    );
  }
  const multiline = type === 'textarea' || type === 'multiline';
  const inputType = type === 'date' ? 'date' : type === 'datetime' ? 'datetime-local' : type === 'email' ? 'email' : 'text';
  const inputMode = type === 'number' || type === 'decimal' ? 'decimal' : type === 'integer' || type === 'int' ? 'numeric' : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.required ? ` ${requiredText}` : ''}
      </label>
      {multiline ? (
        <textarea id={id} rows={3} value={String(value ?? '')} aria-required={field.required || undefined} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          id={id}
          type={inputType}
          inputMode={inputMode}
          value={String(value ?? '')}
          aria-required={field.required || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
}
