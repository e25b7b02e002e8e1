import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { get } from '../../api/client';
import { format, useLanguage, useTexts } from '../../i18n/language';
import { ErrorMessage } from '../../shell/ErrorMessage';
import { Page } from '../../shell/Page';
import { BackLink } from './BackLink';
import { label, texts } from './texts';
import { instanceStatuses, when, type InstanceSummary, type PageOf } from './types';
import './operations.css';

const pageSize = 25;

/** Instances, newest first, filtered by workflow and status (kept in the address so a filtered list can be shared). */
export default function InstancesPage() {
  const t = useTexts(texts);
  const { language } = useLanguage();
  const [params, setParams] = useSearchParams();
  const definitionId = params.get('workflow') ?? '';
  const status = params.get('status') ?? '';
  const skip = Math.max(0, Number(params.get('skip') ?? '0') || 0);
  const [workflowInput, setWorkflowInput] = useState(definitionId);
  const [statusInput, setStatusInput] = useState(status);
  const [page, setPage] = useState<PageOf<InstanceSummary>>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const query = new URLSearchParams({ skip: String(skip), take: String(pageSize) });
    if (definitionId) query.set('definitionId', definitionId);
    if (status) query.set('status', status);
    const controller = new AbortController();
    setError(undefined);
    get<PageOf<InstanceSummary>>(`/api/instances?${query}`, controller.signal).then(setPage, (e) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [definitionId, status, skip]);

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (workflowInput.trim()) next.set('workflow', workflowInput.trim());
    if (statusInput) next.set('status', statusInput);
    setParams(next);
  }

  function goTo(nextSkip: number) {
    const next = new URLSearchParams(params);
    next.set('skip', String(nextSkip));
    setParams(next);
  }

  return (
    <Page title={t.instancesTitle}>
      <BackLink to="/operations">{t.title}</BackLink>
      <form className="ops-filters" onSubmit={apply} aria-label={t.filters}>
        <div className="field">
          <label htmlFor="filter-workflow">{t.workflowFilter}</label>
          <input id="filter-workflow" value={workflowInput} onChange={(e) => setWorkflowInput(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="filter-status">{t.statusFilter}</label>
          <select id="filter-status" value={statusInput} onChange={(e) => setStatusInput(e.target.value)}>
            <option value="">{t.anyStatus}</option>
            {instanceStatuses.map((s) => (
              <option key={s} value={s}>
                {label(t, 'status_', s)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t.applyFilter}
        </button>
      </form>
      <ErrorMessage error={error} />
      {!page && !error && <p role="status">{t.loading}</p>}
      {page && page.items.length === 0 && <p role="status">{t.noInstances}</p>}
      {page && page.items.length > 0 && (
        <>
          <table className="ops-table">
            <caption className="hint">
              {format(t.pageInfo, { from: page.skip + 1, to: page.skip + page.items.length, total: page.total })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.instance}</th>
                <th scope="col">{t.workflow}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.businessKey}</th>
                <th scope="col">{t.created}</th>
                <th scope="col">{t.finished}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to={`/operations/instances/${encodeURIComponent(i.id)}`}>{i.id}</Link>
                  </td>
                  <td>
                    {i.definitionId} v{i.definitionVersion}
                  </td>
                  <td>
                    <span className={`ops-badge ${i.status}`}>{label(t, 'status_', i.status)}</span>
                  </td>
                  <td>{i.correlationId ?? '–'}</td>
                  <td>{when(i.createdAt, language)}</td>
                  <td>{when(i.finishedAt, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="ops-paging" aria-label={t.paging}>
            <button type="button" disabled={skip === 0} onClick={() => goTo(Math.max(0, skip - pageSize))}>
              {t.previous}
            </button>
            <button type="button" disabled={skip + page.items.length >= page.total} onClick={() => goTo(skip + pageSize)}>
              {t.next}
            </button>
          </nav>
        </>
      )}
    </Page>
  );
}
