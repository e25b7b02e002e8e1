import { useEffect, useState } from 'react';
import type { Edge } from '@xyflow/react';
import { useTexts } from '../../../i18n/language';
import { texts } from '../texts';
import { javaScriptSyntaxError, type InputDescriptor, type Problem, type WorkflowActivity, type WorkflowVariable } from '../model';
import type { ActivityNode } from './graph';
// designerprops: the selector editor and the credential picker live in ./properties/.
import { CredentialPicker } from './properties/CredentialPicker';
import { SelectorEditor } from './properties/SelectorEditor';
import { FieldNotes } from './FieldNotes';

interface Props {
  node: ActivityNode;
  nodes: ActivityNode[];
  edges: Edge[];
  variables: WorkflowVariable[];
  onChange: (activity: WorkflowActivity) => void;
  onConnect: (port: string, target: string) => void;
  onDisconnect: (edgeId: string) => void;
  onDelete: () => void;
}

const isExpression = (value: unknown): value is { js: string } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { js?: unknown }).js === 'string';

/** The selected activity's form, built from its type's input descriptors, and the keyboard way to connect it. */
export function PropertyPanel({ node, nodes, edges, variables, onChange, onConnect, onDisconnect, onDelete }: Props) {
  const t = useTexts(texts);
  const { activity, descriptor, outcomes, problems } = node.data;
  const inputs = activity.inputs ?? {};
  const general = problems.filter((p) => !p.input);

  function setInput(name: string, value: unknown) {
    const next = { ...inputs };
    if (value === undefined) delete next[name];
    else next[name] = value;
    onChange({ ...activity, inputs: next });
  }

  return (
    <section className="wf-panel" aria-labelledby="wf-props-heading">
      <h2 id="wf-props-heading">
        {t.properties}: {descriptor?.displayName ?? activity.type}
      </h2>
      {descriptor?.description && <p className="hint">{descriptor.description}</p>}
      <p>
        {t.activityId}: <code>{activity.id}</code>
      </p>
      <label>
        {t.displayName}
        <input value={activity.name ?? ''} onChange={(e) => onChange({ ...activity, name: e.target.value || undefined })} />
      </label>
      {general.length > 0 && (
        <ul className="wf-problems" aria-label={t.problems}>
          {general.map((p) => (
            <li key={p.path + p.message}>{p.message}</li>
          ))}
        </ul>
      )}
      {(descriptor?.inputs ?? []).map((input) => (
        <InputField
          key={`${activity.id}:${input.name}`}
          input={input}
          value={inputs[input.name]}
          variables={variables}
          problems={problems.filter((p) => p.input === input.name)}
          onChange={(v) => setInput(input.name, v)}
        />
      ))}
      <ConnectControl key={activity.id} node={node} nodes={nodes} outcomes={outcomes} onConnect={onConnect} />
      <h3>{t.connections}</h3>
      {edges.filter((e) => e.source === activity.id).length === 0 ? (
        <p>{t.noConnections}</p>
      ) : (
        <ul className="wf-connections">
          {edges
            .filter((e) => e.source === activity.id)
            .map((e) => (
              <li key={e.id}>
                {e.sourceHandle} → {e.target}{' '}
                <button type="button" onClick={() => onDisconnect(e.id)} aria-label={`${t.removeConnection} ${e.sourceHandle} → ${e.target}`}>
                  {t.remove}
                </button>
              </li>
            ))}
        </ul>
      )}
      <button type="button" className="danger" onClick={onDelete}>
        {t.deleteActivity}
      </button>
    </section>
  );
}

function ConnectControl({ node, nodes, outcomes, onConnect }: { node: ActivityNode; nodes: ActivityNode[]; outcomes: string[]; onConnect: (port: string, target: string) => void }) {
  const t = useTexts(texts);
  const targets = nodes.filter((n) => n.id !== node.id && !n.data.descriptor?.isStart);
  const [port, setPort] = useState(outcomes[0] ?? '');
  const [target, setTarget] = useState(targets[0]?.id ?? '');
  useEffect(() => {
    if (!outcomes.includes(port)) setPort(outcomes[0] ?? '');
  }, [outcomes, port]);
  useEffect(() => {
    if (!targets.some((n) => n.id === target)) setTarget(targets[0]?.id ?? '');
  }, [targets, target]);
  if (outcomes.length === 0) return null;
  return (
    <fieldset className="wf-connect">
      <legend>{t.connect}</legend>
      <label>
        {t.outcome}
        <select value={port} onChange={(e) => setPort(e.target.value)}>
          {outcomes.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.target}
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          {targets.map((n) => (
            <option key={n.id} value={n.id}>
              {n.data.activity.name || n.id} ({n.data.descriptor?.displayName ?? n.data.activity.type})
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={!port || !target} onClick={() => onConnect(port, target)}>
        {t.connect}
      </button>
    </fieldset>
  );
}

interface FieldProps {
  input: InputDescriptor;
  value: unknown;
  variables: WorkflowVariable[];
  problems: Problem[];
  onChange: (value: unknown) => void;
}

/** One input: the editor its descriptor names, or a JavaScript box when the value is an expression. */
function InputField({ input, value, variables, problems, onChange }: FieldProps) {
  const t = useTexts(texts);
  const id = `prop-${input.name}`;
  const expression = isExpression(value) || input.editor === 'JavaScript';
  const [draft, setDraft] = useState(() => (input.editor === 'Json' ? (value === undefined ? '' : JSON.stringify(value, null, 2)) : ''));
  const [jsonError, setJsonError] = useState<string | null>(null);
  // A literal in a JavaScript box is shown as the JavaScript literal with the same value.
  const code = isExpression(value) ? value.js : value === undefined || value === null ? '' : JSON.stringify(value);
  const syntaxError = expression ? javaScriptSyntaxError(code) : null;
  const messages = [...problems.map((p) => p.message), ...(jsonError ? [jsonError] : []), ...(syntaxError ? [`${t.syntaxError}: ${syntaxError}`] : [])];
  const describedBy = [input.description ? `${id}-help` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': messages.length > 0 || undefined, 'aria-describedby': describedBy, 'aria-required': input.required || undefined };

  // designerprops: a selector literal is edited as candidate rows (./properties/SelectorEditor).
  if (input.editor === 'Selector' && !expression) {
    return <SelectorEditor input={input} value={value} problems={problems.map((p) => p.message)} onChange={onChange} />;
  }

  let control;
  if (expression) {
    control = <textarea {...common} className="code" rows={4} value={code} spellCheck={false} onChange={(e) => onChange(e.target.value === '' && input.editor !== 'JavaScript' ? undefined : { js: e.target.value })} />;
  } else {
    switch (input.editor) {
      case 'Number':
        control = <input {...common} type="number" value={typeof value === 'number' ? value : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} />;
        break;
      case 'Boolean':
        control = <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
        break;
      case 'Dropdown':
        control = (
          <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)}>
            <option value="">{t.notSet}</option>
            {(input.options ?? []).map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        );
        break;
      case 'Variable':
        control = (
          <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)}>
            <option value="">{t.notSet}</option>
            {typeof value === 'string' && value && !variables.some((v) => v.name === value) && <option value={value}>{value}</option>}
            {variables.map((v) => (
              <option key={v.name} value={v.name}>
                {v.name} ({v.type ?? 'any'})
              </option>
            ))}
          </select>
        );
        break;
      case 'Json':
        control = (
          <textarea
            {...common}
            className="code"
            rows={4}
            value={draft}
            spellCheck={false}
            onChange={(e) => {
              setDraft(e.target.value);
              if (!e.target.value.trim()) {
                setJsonError(null);
                onChange(undefined);
                return;
              }
              try {
                onChange(JSON.parse(e.target.value));
                setJsonError(null);
              } catch (error) {
                setJsonError(`${t.invalidJson}: ${error instanceof Error ? error.message : String(error)}`);
              }
            }}
          />
        );
        break;
      case 'StringList':
        control = (
          <textarea
            {...common}
            rows={3}
            value={Array.isArray(value) ? value.join('\n') : ''}
            onChange={(e) => onChange(e.target.value ? e.target.value.split('\n') : undefined)}
          />
        );
        break;
      // designerprops: the vault's credentials by name (./properties/CredentialPicker).
      case 'Credential':
        control = <CredentialPicker id={id} value={value} describedBy={describedBy} invalid={messages.length > 0} required={input.required} onChange={onChange} />;
        break;
      case 'MultilineText':
        control = <textarea {...common} rows={3} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)} />;
        break;
      default:
        // Text, Credential (the vault entry's name), Selector, Duration ([d.]hh:mm:ss).
        control = (
          <input
            {...common}
            value={typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value)}
            placeholder={input.editor === 'Duration' ? '00:00:30' : undefined}
            onChange={(e) => onChange(e.target.value || undefined)}
          />
        );
    }
  }

  return (
    <div className={`wf-field${messages.length ? ' has-error' : ''}`} data-input={input.name}>
      <label htmlFor={id}>
        {input.displayName}
        {input.required && <span aria-hidden="true"> *</span>}
        {input.editor === 'Credential' && <span className="hint"> ({t.credentialName})</span>}
        {expression && <span className="hint"> (JavaScript)</span>}
      </label>
      {control}
      {input.allowExpression && input.editor !== 'JavaScript' && (
        <label className="inline">
          <input
            type="checkbox"
            checked={isExpression(value)}
            onChange={(e) => onChange(e.target.checked ? { js: typeof value === 'string' ? JSON.stringify(value) : '' } : undefined)}
          />
          {t.useExpression} ({input.displayName})
        </label>
      )}
      <FieldNotes id={id} description={input.description} messages={messages} />
    </div>
  );
}
