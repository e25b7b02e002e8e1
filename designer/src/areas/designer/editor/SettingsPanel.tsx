import { useTexts } from '../../../i18n/language';
import { texts } from '../texts';
import { dataTypes, type WorkflowDefinition, type WorkflowVariable } from '../model';
import { nextFireTimes } from './cron';

interface Trigger {
  kind: string;
  path?: string | null;
  cron?: string | null;
  interval?: string | null;
  [other: string]: unknown;
}

const triggerKinds = ['manual', 'http', 'cron', 'timer'] as const;

/** Name, description, inputs and variables of the workflow (type and "personal data" flag each). */
export function SettingsPanel({ workflow, onChange }: { workflow: WorkflowDefinition; onChange: (w: WorkflowDefinition) => void }) {
  const t = useTexts(texts);
  return (
    <section className="wf-panel" aria-labelledby="wf-settings-heading">
      <h2 id="wf-settings-heading">{t.settings}</h2>
      <label>
        {t.workflowName}
        <input value={workflow.name ?? ''} onChange={(e) => onChange({ ...workflow, name: e.target.value })} />
      </label>
      <label>
        {t.description}
        <textarea rows={2} value={workflow.description ?? ''} onChange={(e) => onChange({ ...workflow, description: e.target.value || null })} />
      </label>
      <VariableList title={t.inputs} kind="input" items={workflow.inputs ?? []} onChange={(inputs) => onChange({ ...workflow, inputs })} />
      <VariableList title={t.outputs} kind="output" items={workflow.outputs ?? []} onChange={(outputs) => onChange({ ...workflow, outputs })} />
      <Triggers triggers={(workflow.triggers as Trigger[] | undefined) ?? []} onChange={(triggers) => onChange({ ...workflow, triggers })} />
      <VariableList title={t.variables} kind="variable" items={workflow.variables ?? []} onChange={(variables) => onChange({ ...workflow, variables })} />
    </section>
  );
}

function VariableList({ title, kind, items, onChange }: { title: string; kind: 'input' | 'output' | 'variable'; items: WorkflowVariable[]; onChange: (items: WorkflowVariable[]) => void }) {
  const t = useTexts(texts);
  const set = (index: number, item: WorkflowVariable) => onChange(items.map((v, i) => (i === index ? item : v)));
  return (
    <fieldset className="wf-variables">
      <legend>{title}</legend>
      {items.map((item, index) => (
        <div className="wf-variable" key={index}>
          <label>
            {t.name}
            <input value={item.name} onChange={(e) => set(index, { ...item, name: e.target.value })} />
          </label>
          <label>
            {t.type}
            <select value={item.type ?? 'any'} onChange={(e) => set(index, { ...item, type: e.target.value })}>
              {dataTypes.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          {kind === 'input' && (
            <label className="inline">
              <input type="checkbox" checked={item.required === true} onChange={(e) => set(index, { ...item, required: e.target.checked })} />
              {t.required}
            </label>
          )}
          <label className="inline">
            <input type="checkbox" checked={item.personal === true} onChange={(e) => set(index, { ...item, personal: e.target.checked })} />
            {t.personalData}
          </label>
          <button type="button" onClick={() => onChange(items.filter((_, i) => i !== index))} aria-label={`${t.remove} ${item.name || title}`}>
            {t.remove}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...items, { name: `${kind}${items.length + 1}`, type: 'string', personal: false }])}>
        {kind === 'input' ? t.addInput : kind === 'output' ? t.addOutput : t.addVariable}
      </button>
    </fieldset>
  );
}

/** How the published workflow starts besides by hand: HTTP path, cron (with its next fire times) or interval. */
function Triggers({ triggers, onChange }: { triggers: Trigger[]; onChange: (triggers: Trigger[]) => void }) {
  const t = useTexts(texts);
  const set = (index: number, trigger: Trigger) => onChange(triggers.map((v, i) => (i === index ? trigger : v)));
  return (
    <fieldset className="wf-variables">
      <legend>{t.triggers}</legend>
      {triggers.map((trigger, index) => (
        <div className="wf-variable" key={index} data-trigger={index}>
          <label>
            {t.triggerKind}
            <select value={trigger.kind} onChange={(e) => set(index, { kind: e.target.value })}>
              {!triggerKinds.includes(trigger.kind as (typeof triggerKinds)[number]) && <option value={trigger.kind}>{trigger.kind}</option>}
              {triggerKinds.map((k) => (
                <option key={k} value={k}>
                  {t[`trigger_${k}`]}
                </option>
              ))}
            </select>
          </label>
          {trigger.kind === 'http' && (
            <label>
              {t.httpPath}
              <input value={trigger.path ?? ''} onChange={(e) => set(index, { ...trigger, path: e.target.value })} />
            </label>
          )}
          {trigger.kind === 'timer' && (
            <label>
              {t.interval}
              <input value={trigger.interval ?? ''} placeholder="00:05:00" onChange={(e) => set(index, { ...trigger, interval: e.target.value })} />
            </label>
          )}
          {trigger.kind === 'cron' && <CronField value={trigger.cron ?? ''} onChange={(cron) => set(index, { ...trigger, cron })} />}
          <button type="button" onClick={() => onChange(triggers.filter((_, i) => i !== index))} aria-label={`${t.remove} ${t.triggers} ${index + 1}`}>
            {t.remove}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...triggers, { kind: 'cron', cron: '0 7 * * 1-5' }])}>
        {t.addTrigger}
      </button>
    </fieldset>
  );
}

function CronField({ value, onChange }: { value: string; onChange: (cron: string) => void }) {
  const t = useTexts(texts);
  const preview = value.trim() ? nextFireTimes(value, new Date(), 3) : [];
  return (
    <>
      <label>
        {t.cronExpression}
        <input value={value} onChange={(e) => onChange(e.target.value)} aria-describedby="wf-cron-preview" aria-invalid={typeof preview === 'string' || undefined} />
      </label>
      <div id="wf-cron-preview" className={typeof preview === 'string' ? 'field-error' : 'hint'}>
        {typeof preview === 'string' ? (
          preview
        ) : (
          <>
            {t.nextFireTimes}
            <ul className="wf-cron-times">
              {preview.map((d) => (
                <li key={d.getTime()}>{d.toLocaleString(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </>
  );
}
