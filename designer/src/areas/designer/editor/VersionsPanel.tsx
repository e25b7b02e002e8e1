import { useState } from 'react';
import { format, useTexts } from '../../../i18n/language';
import { texts } from '../texts';
import { definitionsApi, type DefinitionVersionInfo, type WorkflowDefinition } from '../model';
import { ErrorMessage } from '../../../shell/ErrorMessage';
import { diffDefinitions, type Change } from './diff';
// designerprops: two versions' JSON side by side (./properties/SideBySideDiff).
import { SideBySideDiff } from './properties/SideBySideDiff';

interface Props {
  id: string;
  versions: DefinitionVersionInfo[];
  current: () => WorkflowDefinition | undefined;
  onRevert: (version: number) => void;
}

/** The workflow's versions, newest first: compare one with the drawing as it is now, or make it the draft again. */
export function VersionsPanel({ id, versions, current, onRevert }: Props) {
  const t = useTexts(texts);
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const [diff, setDiff] = useState<{ version: number; changes: Change[] }>();
  const [error, setError] = useState<unknown>();

  async function compare(version: number) {
    setError(undefined);
    try {
      const old = await definitionsApi.getVersion(id, version);
      const now = current();
      if (now) setDiff({ version, changes: diffDefinitions(old, now) });
    } catch (e) {
      setError(e);
    }
  }

  const kindText = { added: t.diffAdded, removed: t.diffRemoved, changed: t.diffChanged };
  const whatText = { activity: t.diffActivity, connection: t.diffConnection, setting: t.diffSetting };
  return (
    <section className="wf-panel" aria-labelledby="wf-versions-heading">
      <h2 id="wf-versions-heading">{t.versions}</h2>
      <ErrorMessage error={error} />
      {sorted.length === 0 ? (
        <p>{t.noVersions}</p>
      ) : (
        <ul className="wf-versions">
          {sorted.map((v) => (
            <li key={v.version} data-version={v.version}>
              {v.version === 0 ? t.stateDraft : `${t.version} ${v.version}`} · {new Date(v.savedAt).toLocaleString()}
              {v.version > 0 && (
                <>
                  <button type="button" onClick={() => void compare(v.version)} aria-label={`${t.compareWith} ${v.version}`}>
                    {t.compare}
                  </button>
                  <button type="button" onClick={() => onRevert(v.version)} aria-label={`${t.revertTo} ${v.version}`}>
                    {t.revert}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {/* designerprops */}
      {sorted.length > 0 && <SideBySideDiff id={id} versions={versions} current={current} />}
      {diff && (
        <div className="wf-diff" role="status">
          <h3>{format(t.diffHeading, { version: diff.version })}</h3>
          {diff.changes.length === 0 ? (
            <p>{t.diffNone}</p>
          ) : (
            <ul>
              {diff.changes.map((c) => (
                <li key={`${c.kind}:${c.what}:${c.name}`} className={`diff-${c.kind}`}>
                  {kindText[c.kind]} {whatText[c.what]} <code>{c.name}</code>
                  {c.detail && `: ${c.detail}`}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
