import { useEffect, useRef, useState } from 'react';
import { format, useTexts } from '../../../../i18n/language';
import { ErrorMessage } from '../../../../shell/ErrorMessage';
import { definitionsApi, type DefinitionVersionInfo, type WorkflowDefinition } from '../../model';
import { sideBySide, type DiffRow, type Line } from './lineDiff';
import { texts } from './texts';
import './properties.css';

interface Props {
  id: string;
  versions: DefinitionVersionInfo[];
  current: () => WorkflowDefinition | undefined;
}

// 'now' is the drawing in the editor; numbers are stored versions (0 the saved draft).
type Choice = number | 'now';

/** The definition as compared: its JSON without the version number, which differs between any two versions anyway. */
const text = (definition: WorkflowDefinition) => {
  const { version: _version, ...rest } = definition;
  return JSON.stringify(rest, null, 2);
};

/** Two versions chosen from the list, their JSON side by side in a dialog with every changed line marked in words and colour. */
export function SideBySideDiff({ id, versions, current }: Props) {
  const t = useTexts(texts);
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const published = sorted.filter((v) => v.version > 0);
  const [left, setLeft] = useState<Choice>(published[1]?.version ?? published[0]?.version ?? 'now');
  const [right, setRight] = useState<Choice>(published[0]?.version ?? 'now');
  const [rows, setRows] = useState<DiffRow[]>();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<unknown>();
  const dialog = useRef<HTMLDialogElement>(null);
  const known = sorted.map((v) => v.version).join(',');

  // New versions (publish, revert): default to the newest two again.
  useEffect(() => {
    const numbers = known ? known.split(',').map(Number).filter((v) => v > 0) : [];
    setLeft(numbers[1] ?? numbers[0] ?? 'now');
    setRight(numbers[0] ?? 'now');
  }, [known]);

  const name = (c: Choice) => (c === 'now' ? t.drawingNow : c === 0 ? t.draft : format(t.version, { n: c }));
  const load = async (c: Choice) => {
    const definition = c === 'now' ? current() : await definitionsApi.getVersion(id, c);
    if (!definition) throw new Error(t.drawingNow);
    return text(definition);
  };

  async function show() {
    setError(undefined);
    try {
      const [a, b] = await Promise.all([load(left), load(right)]);
      setRows(sideBySide(a, b));
      setTitle(format(t.diffTitle, { left: name(left), right: name(right) }));
      dialog.current?.showModal();
    } catch (e) {
      setError(e);
    }
  }

  const options = (
    <>
      <option value="now">{t.drawingNow}</option>
      {sorted.map((v) => (
        <option key={v.version} value={v.version}>
          {name(v.version)}
        </option>
      ))}
    </>
  );
  const parse = (v: string): Choice => (v === 'now' ? 'now' : Number(v));
  const counts = { changed: 0, added: 0, removed: 0 };
  for (const r of rows ?? []) if (r.kind === 'changed' || r.kind === 'added' || r.kind === 'removed') counts[r.kind]++;
  const same = rows !== undefined && counts.changed + counts.added + counts.removed === 0;

  return (
    <>
      <fieldset className="wfp-diff-pick">
        <legend>{t.sideBySide}</legend>
        <label>
          {t.leftVersion}
          <select value={String(left)} onChange={(e) => setLeft(parse(e.target.value))}>
            {options}
          </select>
        </label>
        <label>
          {t.rightVersion}
          <select value={String(right)} onChange={(e) => setRight(parse(e.target.value))}>
            {options}
          </select>
        </label>
        <button type="button" onClick={() => void show()}>
          {t.showDiff}
        </button>
      </fieldset>
      <ErrorMessage error={error} />
      <dialog ref={dialog} className="wfp-diff-dialog" aria-labelledby="wfp-diff-title" onClose={() => setRows(undefined)}>
        <div className="wfp-diff-head">
          <h2 id="wfp-diff-title">{title}</h2>
          <button type="button" onClick={() => dialog.current?.close()}>
            {t.close}
          </button>
        </div>
        <p role="status">{same ? t.noDifferences : format(t.changedLines, counts)}</p>
        {!same && <p className="hint">{t.legend}</p>}
        {rows && !same && (
          <div className="wfp-diff-scroll" tabIndex={0} role="region" aria-label={title}>
            <table className="wfp-diff-table">
              <caption className="wfp-sr">{title}</caption>
              <colgroup>
                <col className="no" />
                <col className="mark" />
                <col />
                <col className="no" />
                <col className="mark" />
                <col />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">{t.lineNumber}</th>
                  <th scope="col">
                    <span className="wfp-sr">{t.marker}</span>
                  </th>
                  <th scope="col">{name(left)}</th>
                  <th scope="col">{t.lineNumber}</th>
                  <th scope="col">
                    <span className="wfp-sr">{t.marker}</span>
                  </th>
                  <th scope="col">{name(right)}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, k) =>
                  row.kind === 'fold' ? (
                    <tr key={k} className="fold">
                      <td colSpan={6}>{format(t.unchangedLines, { count: row.count })}</td>
                    </tr>
                  ) : (
                    <tr key={k} className={`diff-${row.kind}`}>
                      <Side line={row.left} kind={row.kind === 'added' ? undefined : row.kind} side="left" />
                      <Side line={row.right} kind={row.kind === 'removed' ? undefined : row.kind} side="right" />
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        )}
      </dialog>
    </>
  );
}

function Side({ line, kind, side }: { line?: Line; kind?: DiffRow['kind']; side: 'left' | 'right' }) {
  const t = useTexts(texts);
  const marked = kind === 'changed' || kind === 'added' || kind === 'removed' ? kind : undefined;
  const symbol = { changed: '~', added: '+', removed: '−' };
  const word = { changed: t.lineChanged, added: t.lineAdded, removed: t.lineRemoved };
  return (
    <>
      <td className="no">{line?.no ?? ''}</td>
      <td className={`mark ${marked ?? ''}`} data-side={side}>
        {marked && (
          <>
            <span aria-hidden="true">{symbol[marked]}</span>
            <span className="wfp-sr">{word[marked]}</span>
          </>
        )}
      </td>
      <td className={marked ?? undefined} data-side={side}>
        {line?.text ?? ''}
      </td>
    </>
  );
}
