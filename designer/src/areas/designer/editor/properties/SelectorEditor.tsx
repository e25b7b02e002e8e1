import { useEffect, useRef, useState } from 'react';
import { post } from '../../../../api/client';
import { format, useTexts } from '../../../../i18n/language';
import type { InputDescriptor } from '../../model';
import { candidateKinds, commonRoles, kindUsesRole, newRow, toRows, toValue, type CandidateKind, type CandidateRow } from './selector';
import { texts } from './texts';
import './properties.css';
import { FieldNotes } from '../FieldNotes';

interface Props {
  input: InputDescriptor;
  value: unknown;
  /** The server validator's messages for this input. */
  problems: string[];
  onChange: (value: unknown) => void;
}

interface SelectorCheck {
  valid: boolean;
  problems: { candidate?: number | null; message: string }[];
}

const kindText = (t: typeof texts.da, kind: CandidateKind) =>
  ({ role: t.kindRole, label: t.kindLabel, testId: t.kindTestId, text: t.kindText, css: t.kindCss, xpath: t.kindXpath, rightOf: t.kindRightOf, below: t.kindBelow })[kind];

/**
 * A selector input as a list of candidate rows (kind, value, role), reordered with Up/Down buttons and checked by the
 * server with the robots' own Selector.Parse, whose message is shown on the bad row.
 */
export function SelectorEditor({ input, value, problems, onChange }: Props) {
  const t = useTexts(texts);
  const id = `prop-${input.name}`;
  const [rows, setRows] = useState<CandidateRow[]>(() => toRows(value));
  const [check, setCheck] = useState<SelectorCheck>();
  const [checkError, setCheckError] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const focusNext = useRef<string | null>(null);
  const written = useRef<unknown>(value);

  // The value changed from outside (undo, revert, another activity's paste): read it again.
  useEffect(() => {
    if (JSON.stringify(value ?? null) !== JSON.stringify(written.current ?? null)) {
      written.current = value;
      setRows(toRows(value));
    }
  }, [value]);

  useEffect(() => {
    if (focusNext.current) {
      document.getElementById(focusNext.current)?.focus();
      focusNext.current = null;
    }
  });

  // Ask the server what a run would say about these candidates, shortly after the last keystroke.
  const json = JSON.stringify(toValue(rows) ?? null);
  useEffect(() => {
    if (rows.length === 0) {
      setCheck(undefined);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      post<SelectorCheck>('/api/selectors/check', JSON.parse(json)).then(
        (answer) => {
          if (current) {
            setCheck(answer);
            setCheckError(undefined);
          }
        },
        (error: unknown) => {
          if (current) setCheckError(`${t.serverCheckFailed}: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [json, rows.length, t.serverCheckFailed]);

  function update(next: CandidateRow[]) {
    setRows(next);
    const v = toValue(next);
    written.current = v;
    onChange(v);
  }

  function change(index: number, patch: Partial<CandidateRow>) {
    update(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  }

  function move(index: number, by: -1 | 1) {
    const to = index + by;
    if (to < 0 || to >= rows.length) return;
    const next = [...rows];
    [next[index], next[to]] = [next[to], next[index]];
    // Keep the keyboard on the same button of the moved row; at the top or bottom that button is gone, so the other one.
    const key = rows[index].key;
    const atEdge = (by === -1 && to === 0) || (by === 1 && to === rows.length - 1);
    focusNext.current = `${id}-c${key}-${atEdge ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down'}`;
    setAnnouncement(format(t.moved, { from: index + 1, to: to + 1 }));
    update(next);
  }

  function remove(index: number) {
    const next = rows.filter((_, i) => i !== index);
    focusNext.current = next.length === 0 ? `${id}-add` : `${id}-c${next[Math.min(index, next.length - 1)].key}-kind`;
    update(next);
  }

  function add() {
    const row = newRow();
    focusNext.current = `${id}-c${row.key}-kind`;
    update([...rows, row]);
  }

  const rowMessages = (row: CandidateRow, index: number) => {
    const messages: string[] = [];
    if (kindUsesRole(row.kind) && row.kind !== 'role' && !row.role.trim()) messages.push(format(t.roleMissing, { n: index + 1 }));
    if (row.kind === 'role' ? !row.role.trim() && !row.value.trim() : !row.value.trim()) messages.push(format(t.valueMissing, { n: index + 1 }));
    for (const p of check?.problems ?? []) if (p.candidate === index) messages.push(p.message);
    return messages;
  };
  const overall = [...problems, ...(check?.problems ?? []).filter((p) => p.candidate === null || p.candidate === undefined).map((p) => p.message), ...(checkError ? [checkError] : [])];
  const describedBy = [input.description ? `${id}-help` : '', overall.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <div className={`wf-field wfp-selector${overall.length ? ' has-error' : ''}`} data-input={input.name}>
      <fieldset aria-describedby={describedBy}>
        <legend id={`${id}-legend`}>
          {input.displayName}
          {input.required && <span aria-hidden="true"> *</span>}
          <span className="hint"> · {t.candidates}</span>
        </legend>
        {rows.length === 0 ? (
          <p className="hint">{t.noCandidates}</p>
        ) : (
          <ol className="wfp-candidates">
            {rows.map((row, index) => {
              const n = index + 1;
              const base = `${id}-c${row.key}`;
              const messages = rowMessages(row, index);
              const invalid = messages.length > 0 || undefined;
              const errorId = messages.length ? `${base}-error` : undefined;
              return (
                <li key={row.key} className={`wfp-candidate${invalid ? ' has-error' : ''}`} data-candidate={index}>
                  <fieldset>
                    <legend>{format(t.candidate, { n })}</legend>
                    <label>
                      {t.kind}
                      <select id={`${base}-kind`} value={row.kind} aria-describedby={errorId} onChange={(e) => change(index, { kind: e.target.value as CandidateKind })}>
                        {candidateKinds.map((k) => (
                          <option key={k} value={k}>
                            {kindText(t, k)}
                          </option>
                        ))}
                      </select>
                    </label>
                    {kindUsesRole(row.kind) && (
                      <label>
                        {t.role}
                        <input id={`${base}-role`} list={`${id}-roles`} value={row.role} aria-invalid={invalid} aria-describedby={errorId} onChange={(e) => change(index, { role: e.target.value })} />
                      </label>
                    )}
                    <label>
                      {row.kind === 'role' ? t.name : row.kind === 'rightOf' || row.kind === 'below' ? t.anchor : t.value}
                      <input
                        id={`${base}-value`}
                        className={row.kind === 'css' || row.kind === 'xpath' ? 'code' : undefined}
                        value={row.value}
                        spellCheck={false}
                        aria-invalid={invalid}
                        aria-describedby={errorId}
                        onChange={(e) => change(index, { value: e.target.value })}
                      />
                    </label>
                    <div className="wfp-row-buttons">
                      {index > 0 && (
                        <button type="button" id={`${base}-up`} aria-label={format(t.moveUpLabel, { n })} onClick={() => move(index, -1)}>
                          ↑ {t.moveUp}
                        </button>
                      )}
                      {index < rows.length - 1 && (
                        <button type="button" id={`${base}-down`} aria-label={format(t.moveDownLabel, { n })} onClick={() => move(index, 1)}>
                          ↓ {t.moveDown}
                        </button>
                      )}
                      <button type="button" className="danger" aria-label={format(t.removeLabel, { n })} onClick={() => remove(index)}>
                        {t.remove}
                      </button>
                    </div>
                    {errorId && (
                      <p id={errorId} className="field-error">
                        {messages.join(' ')}
                      </p>
                    )}
                  </fieldset>
                </li>
              );
            })}
          </ol>
        )}
        <datalist id={`${id}-roles`}>
          {commonRoles.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <button type="button" id={`${id}-add`} onClick={add}>
          + {t.addCandidate}
        </button>
        <p className="wfp-sr" role="status">
          {announcement}
        </p>
      </fieldset>
      {input.allowExpression && (
        <label className="inline">
          <input type="checkbox" checked={false} onChange={() => onChange({ js: JSON.stringify(toValue(rows) ?? []) })} />
          {t.useExpression} ({input.displayName})
        </label>
      )}
      <FieldNotes id={id} description={input.description} messages={overall} />
    </div>
  );
}
