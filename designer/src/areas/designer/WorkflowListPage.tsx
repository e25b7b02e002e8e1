import { useCallback, useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTexts } from '../../i18n/language';
import { ErrorMessage } from '../../shell/ErrorMessage';
import { Page } from '../../shell/Page';
import { definitionsApi, type DefinitionVersionInfo } from './model';
import { texts } from './texts';
import './designer.css';

/** The process owner's workflows: each with its state and version; new, open, import and export. */
export default function WorkflowListPage() {
  const t = useTexts(texts);
  const navigate = useNavigate();
  const [definitions, setDefinitions] = useState<DefinitionVersionInfo[]>();
  const [error, setError] = useState<unknown>();
  const [id, setId] = useState('');
  const [name, setName] = useState('');

  const load = useCallback(() => definitionsApi.list().then(setDefinitions, setError), []);
  useEffect(() => {
    void load();
  }, [load]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      await definitionsApi.create({ id: id.trim(), name: name.trim() || id.trim(), root: { activities: [], connections: [] } });
      navigate(`/designer/edit/${encodeURIComponent(id.trim())}`);
    } catch (e) {
      setError(e);
    }
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(undefined);
    try {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch (e) {
        throw new Error(`${file.name}: ${t.notJson} (${e instanceof Error ? e.message : String(e)})`);
      }
      const result = await definitionsApi.import(json);
      navigate(`/designer/edit/${encodeURIComponent(result.id)}`);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
      <ErrorMessage error={error} />
      <div className="wf-actions">
        <form className="wf-new" onSubmit={create} aria-labelledby="wf-new-heading">
          <h2 id="wf-new-heading">{t.newWorkflow}</h2>
          <label>
            {t.workflowId}
            <input value={id} onChange={(e) => setId(e.target.value)} required pattern="[A-Za-z0-9][A-Za-z0-9_.\-]*" />
          </label>
          <label>
            {t.workflowName}
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit">{t.create}</button>
        </form>
        <div className="wf-import">
          <h2>{t.importHeading}</h2>
          <label>
            {t.importFile}
            <input type="file" accept=".json,application/json" onChange={importFile} />
          </label>
          <p className="hint">{t.importHint}</p>
        </div>
      </div>
      <h2>{t.workflows}</h2>
      {definitions === undefined ? (
        <p role="status">{t.loading}</p>
      ) : definitions.length === 0 ? (
        <p role="status">{t.noWorkflows}</p>
      ) : (
        <table className="wf-table">
          <thead>
            <tr>
              <th scope="col">{t.workflowName}</th>
              <th scope="col">{t.workflowId}</th>
              <th scope="col">{t.state}</th>
              <th scope="col">{t.version}</th>
              <th scope="col">{t.saved}</th>
              <th scope="col">{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {definitions.map((d) => (
              <tr key={d.id} data-workflow={d.id}>
                <th scope="row">{d.name || d.id}</th>
                <td>{d.id}</td>
                <td>{d.state === 'draft' ? t.stateDraft : t.statePublished}</td>
                <td>{d.version === 0 ? '–' : d.version}</td>
                <td>{new Date(d.savedAt).toLocaleString()}</td>
                <td className="wf-row-actions">
                  <Link to={`/designer/edit/${encodeURIComponent(d.id)}`} aria-label={`${t.open} ${d.name || d.id}`}>
                    {t.open}
                  </Link>
                  <a href={definitionsApi.exportUrl(d.id)} download aria-label={`${t.export} ${d.name || d.id}`}>
                    {t.export}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
