import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { get } from '../../api/client';
import { LoadStatus } from '../../components/LoadStatus';
import { OffsetPager, RangeCaption } from '../../components/Pager';
import { SelectFilter } from '../../components/SelectFilter';
import { TableHead } from '../../components/TableHead';
import { useLanguage, useTexts } from '../../i18n/language';
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
        <SelectFilter
          id="filter-status"
          label={t.statusFilter}
          anyText={t.anyStatus}
          value={statusInput}
          options={instanceStatuses}
          text={(s) => label(t, 'status_', s)}
          onChange={setStatusInput}
        />
        <button type="submit" className="primary">
          {t.applyFilter}
        </button>
      </form>
      <LoadStatus error={error} loaded={!!page} empty={page?.items.length === 0} emptyText={t.noInstances} />
      {page && page.items.length > 0 && (
        <>
          <table className="ops-table">
            <RangeCaption skip={page.skip} count={page.items.length} total={page.total} />
            <TableHead columns={[t.instance, t.workflow, t.status, t.businessKey, t.created, t.finished]} />
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
          <OffsetPager skip={skip} pageSize={pageSize} shown={page.items.length} total={page.total} onGo={goTo} />
        </>
      )}
    </Page>
  );
}
