import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { get } from '../../api/client';
import { LoadStatus } from '../../components/LoadStatus';
import { Pager } from '../../components/Pager';
import { SelectFilter } from '../../components/SelectFilter';
import { TableHead } from '../../components/TableHead';
import { format, useLanguage, useTexts } from '../../i18n/language';
import { Page } from '../../shell/Page';
import { ChainStatePanel } from './ChainStatePanel';
import { texts } from './texts';
import { eventTypes, filterKeys, filterQuery, fromLocalInput, toLocalInput, when, type AuditPage, type FilterKey } from './types';
import './audit.css';

const defaultPageSize = 50;

type Inputs = Record<FilterKey, string>;

function inputsFrom(params: URLSearchParams): Inputs {
  const inputs = Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? ''])) as Inputs;
  inputs.from = toLocalInput(params.get('from'));
  inputs.to = toLocalInput(params.get('to'));
  return inputs;
}

/**
 * The run log for auditors: filters (kept in the address, so a search can be shared), the matching records in sequence
 * order with paging, the CSV export of the same filter, and the chain's state.
 */
export default function AuditSearchPage() {
  const t = useTexts(texts);
  const { language } = useLanguage();
  const [params, setParams] = useSearchParams();
  const [inputs, setInputs] = useState<Inputs>(() => inputsFrom(params));
  const [page, setPage] = useState<AuditPage>();
  const [error, setError] = useState<unknown>();
  const after = params.get('after');
  // The page size may come from a shared address (?size=); the server caps it at 1000.
  const pageSize = Math.min(1000, Math.max(1, Number(params.get('size')) || defaultPageSize));
  const query = filterQuery(params, after).toString();
  const exportQuery = filterQuery(params).toString();

  // Typing in a filter does not search; the address changes only on "Search", and a changed address (back, a shared link) refills the form.
  useEffect(() => setInputs(inputsFrom(new URLSearchParams(query))), [query]);

  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    setPage(undefined);
    const q = new URLSearchParams(query);
    q.set('limit', String(pageSize));
    get<AuditPage>(`/api/audit/events?${q}`, controller.signal).then(setPage, (e) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [query, pageSize]);

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of filterKeys) {
      const raw = key === 'from' || key === 'to' ? fromLocalInput(inputs[key]) : inputs[key].trim();
      if (raw) next.set(key, raw);
    }
    if (params.get('size')) next.set('size', params.get('size')!);
    setParams(next);
  }

  function clear() {
    setParams(new URLSearchParams());
  }

  function goTo(nextAfter: number | null) {
    const next = new URLSearchParams(params);
    if (nextAfter === null) next.delete('after');
    else next.set('after', String(nextAfter));
    setParams(next);
  }

  const field = (key: FilterKey, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`audit-${key}`}>{label}</label>
      <input id={`audit-${key}`} type={type} value={inputs[key]} onChange={(e) => setInputs({ ...inputs, [key]: e.target.value })} />
    </div>
  );

  const items = page?.items ?? [];
  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
      <ChainStatePanel />
      <section aria-labelledby="audit-search-heading" className="audit-section">
        <h2 id="audit-search-heading">{t.searchHeading}</h2>
        <form className="audit-filters" onSubmit={apply} aria-label={t.filters}>
          {field('workflow', t.workflow)}
          {field('target', t.target)}
          {field('user', t.user)}
          {field('businessKey', t.businessKey)}
          {field('instance', t.instance)}
          {field('from', t.from, 'datetime-local')}
          {field('to', t.to, 'datetime-local')}
          {field('outcome', t.outcome)}
          <SelectFilter
            id="audit-type"
            label={t.eventType}
            anyText={t.anyType}
            value={inputs.type}
            options={eventTypes}
            onChange={(type) => setInputs({ ...inputs, type })}
          />
          <div className="audit-actions">
            <button type="submit" className="primary">
              {t.search}
            </button>
            <button type="button" onClick={clear}>
              {t.clear}
            </button>
            <a className="button-link" href={`/api/audit/export.csv${exportQuery ? `?${exportQuery}` : ''}`} download aria-describedby="audit-export-hint">
              {t.export}
            </a>
          </div>
        </form>
        <p id="audit-export-hint" className="hint">
          {t.exportHint}
        </p>
      </section>
      <section aria-labelledby="audit-results-heading" className="audit-section">
        <h2 id="audit-results-heading">{t.results}</h2>
        <LoadStatus error={error} loaded={!!page} empty={items.length === 0} emptyText={t.noResults} loadingText={t.loading} />
        {page && items.length > 0 && (
          <>
            <p role="status">{format(t.resultCount, { count: items.length, first: items[0].sequence, last: items[items.length - 1].sequence })}</p>
            <div className="audit-scroll">
              <table className="audit-table">
                <TableHead
                  columns={[{ label: t.sequence, numeric: true }, t.time, t.actor, t.eventType, t.workflowColumn, t.businessKey, t.outcome, t.run]}
                />
                <tbody>
                  {items.map((e) => (
                    <tr key={e.sequence}>
                      <td className="num">{e.sequence}</td>
                      <td>{when(e.timestamp, language)}</td>
                      <td>
                        {e.actor} <span className="hint">({e.actorKind})</span>
                      </td>
                      <td>{e.type}</td>
                      <td>{e.workflowId ? `${e.workflowId}${e.workflowVersion ? ` v${e.workflowVersion}` : ''}` : '–'}</td>
                      <td>{e.businessKey ?? '–'}</td>
                      <td>{e.outcome ?? '–'}</td>
                      <td>{e.instanceId ? <Link to={`/audit/runs/${encodeURIComponent(e.instanceId)}`}>{e.instanceId}</Link> : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {page && (after || page.next) && (
          <Pager
            hasPrevious={!!after}
            hasNext={!!page.next}
            onPrevious={() => goTo(null)}
            onNext={() => goTo(page.next ?? null)}
            previousLabel={t.firstPage}
            nextLabel={t.nextPage}
          />
        )}
      </section>
    </Page>
  );
}
