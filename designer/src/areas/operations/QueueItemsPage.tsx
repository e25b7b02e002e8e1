import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { get, post } from '../../api/client';
import { JsonView } from '../../components/JsonView';
import { LoadStatus } from '../../components/LoadStatus';
import { OffsetPager, RangeCaption } from '../../components/Pager';
import { SelectFilter } from '../../components/SelectFilter';
import { TableHead } from '../../components/TableHead';
import { format, useLanguage, useTexts } from '../../i18n/language';
import { ErrorMessage } from '../../shell/ErrorMessage';
import { Page } from '../../shell/Page';
import { BackLink } from './BackLink';
import { label, texts, type OperationsTexts } from './texts';
import { queueStates, settleableStates, when, type PageOf, type QueueItem } from './types';
import './operations.css';

const pageSize = 50;

/** A queue's items, filtered by state, each with its attempts; failed and in-doubt items can be retried or resolved. */
export default function QueueItemsPage() {
  const t = useTexts(texts);
  const { language } = useLanguage();
  const { name = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const skip = Math.max(0, Number(params.get('skip') ?? '0') || 0);
  const [page, setPage] = useState<PageOf<QueueItem>>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(
    (signal?: AbortSignal) => {
      const query = new URLSearchParams({ skip: String(skip), take: String(pageSize) });
      if (state) query.set('state', state);
      return get<PageOf<QueueItem>>(`/api/queues/${encodeURIComponent(name)}/items?${query}`, signal).then(setPage);
    },
    [name, state, skip],
  );

  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    load(controller.signal).catch((e) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [load]);

  function setState(next: string) {
    const query = new URLSearchParams();
    if (next) query.set('state', next);
    setParams(query);
  }

  function goTo(nextSkip: number) {
    const query = new URLSearchParams();
    if (state) query.set('state', state);
    query.set('skip', String(nextSkip));
    setParams(query);
  }

  async function changed(message: string) {
    setNotice(message);
    await load().catch(setError);
  }

  return (
    <Page title={format(t.queueTitle, { name })}>
      <BackLink to="/operations/queues">{t.backToQueues}</BackLink>
      <div className="ops-filters">
        <SelectFilter
          id="state-filter"
          label={t.stateFilter}
          anyText={t.anyState}
          value={state}
          options={queueStates}
          text={(s) => label(t, 'state_', s)}
          onChange={setState}
        />
      </div>
      <div aria-live="polite">{notice && <p className="success">{notice}</p>}</div>
      <LoadStatus error={error} loaded={!!page} empty={page?.items.length === 0} emptyText={t.noItems} />
      {page && page.items.length > 0 && (
        <>
          <table className="ops-table">
            <RangeCaption skip={page.skip} count={page.items.length} total={page.total} />
            <TableHead columns={[t.businessKey, t.stateFilter, { label: t.attempts, numeric: true }, t.updated, t.message]} />
            <tbody>
              {page.items.map((item) => (
                <tr key={item.id} className={item.state === 'InDoubt' ? 'in-doubt' : undefined}>
                  <th scope="row">{item.businessKey}</th>
                  <td>
                    <span className={`ops-badge ${item.state}`}>{label(t, 'state_', item.state)}</span>
                  </td>
                  <td className="num">{item.attempts}</td>
                  <td>{when(item.updatedAt, language)}</td>
                  <td>{item.message ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <OffsetPager skip={skip} pageSize={pageSize} shown={page.items.length} total={page.total} onGo={goTo} />
          {page.items.map((item) => (
            <ItemDetails key={item.id} item={item} t={t} language={language} onChanged={changed} />
          ))}
        </>
      )}
    </Page>
  );
}

function ItemDetails({
  item,
  t,
  language,
  onChanged,
}: {
  item: QueueItem;
  t: OperationsTexts;
  language: string;
  onChanged: (message: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [resolving, setResolving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const settleable = settleableStates.includes(item.state);
  const headingId = `item-${item.id}`;
  const path = `/api/queues/items/${encodeURIComponent(item.id)}`;

  async function retry() {
    setBusy(true);
    setError(undefined);
    try {
      await post(`${path}/retry`);
      await onChanged(format(t.itemRetried, { key: item.businessKey }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function resolve(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError(new Error(t.reasonMissing));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await post(`${path}/resolve`, { reason: reason.trim() });
      setResolving(false);
      await onChanged(format(t.itemResolved, { key: item.businessKey }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={`ops-section ops-item`} aria-labelledby={headingId} data-testid={`item-${item.businessKey}`}>
      <h2 id={headingId}>{format(t.itemDetails, { key: item.businessKey })}</h2>
      <p>
        <span className={`ops-badge ${item.state}`}>{label(t, 'state_', item.state)}</span>
      </p>
      {item.state === 'InDoubt' && <p className="in-doubt-note">{t.inDoubtExplained}</p>}
      {item.resolution && (
        <p>{format(t.resolution, { by: item.resolution.by, at: when(item.resolution.at, language), reason: item.resolution.reason })}</p>
      )}
      <details>
        <summary>
          {t.payload} / {t.result}
        </summary>
        <JsonView heading={t.payload} value={item.payload} />
        <JsonView heading={t.result} value={item.result} />
      </details>
      <h3>{t.history}</h3>
      {item.history.length === 0 ? (
        <p>{t.noHistory}</p>
      ) : (
        <table className="ops-table">
          <TableHead columns={[{ label: t.attemptNo, numeric: true }, t.owner, t.started, t.ended, t.outcome, t.message]} />
          <tbody>
            {item.history.map((a) => (
              <tr key={a.number} className={a.inDoubt ? 'in-doubt' : undefined}>
                <td className="num">{a.number}</td>
                <td>{a.owner}</td>
                <td>{when(a.startedAt, language)}</td>
                <td>{when(a.endedAt, language)}</td>
                <td>{a.outcome ? label(t, 'state_', a.outcome) : '–'}</td>
                <td>{a.message ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorMessage error={error} />
      {settleable && !resolving && (
        <div className="ops-actions">
          <button type="button" disabled={busy} onClick={retry}>
            {t.retryItem} <span className="visually-hidden">{item.businessKey}</span>
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => setResolving(true)}>
            {t.resolveItem} <span className="visually-hidden">{item.businessKey}</span>
          </button>
        </div>
      )}
      {settleable && resolving && (
        <form className="form ops-confirm" onSubmit={resolve} noValidate>
          <div className="field">
            <label htmlFor={`reason-${item.id}`}>{t.reason}</label>
            <textarea
              id={`reason-${item.id}`}
              rows={3}
              required
              aria-required="true"
              aria-describedby={`reason-hint-${item.id}`}
              value={reason}
              autoFocus
              onChange={(e) => setReason(e.target.value)}
            />
            <p id={`reason-hint-${item.id}`} className="hint">
              {t.reasonHint}
            </p>
          </div>
          <div className="ops-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t.confirmResolve}
            </button>
            <button type="button" disabled={busy} onClick={() => setResolving(false)}>
              {t.no}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
