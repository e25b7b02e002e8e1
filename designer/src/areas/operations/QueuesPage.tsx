import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { get } from '../../api/client';
import { useTexts } from '../../i18n/language';
import { ErrorMessage } from '../../shell/ErrorMessage';
import { Page } from '../../shell/Page';
import { BackLink } from './BackLink';
import { label, texts } from './texts';
import { queueStates, type QueueCounts } from './types';
import './operations.css';

/** Every work queue with its item counts per state; a count links to the queue's items in that state. */
export default function QueuesPage() {
  const t = useTexts(texts);
  const [queues, setQueues] = useState<QueueCounts[]>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const controller = new AbortController();
    get<QueueCounts[]>('/api/queues', controller.signal).then(setQueues, (e) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, []);

  const count = (q: QueueCounts, state: string) => q.counts[state.charAt(0).toLowerCase() + state.slice(1)] ?? 0;

  return (
    <Page title={t.queuesTitle}>
      <BackLink to="/operations">{t.title}</BackLink>
      <ErrorMessage error={error} />
      {!queues && !error && <p role="status">{t.loading}</p>}
      {queues && queues.length === 0 && <p role="status">{t.noQueues}</p>}
      {queues && queues.length > 0 && (
        <table className="ops-table">
          <thead>
            <tr>
              <th scope="col">{t.queue}</th>
              {queueStates.map((s) => (
                <th key={s} scope="col" className="num">
                  {label(t, 'state_', s)}
                </th>
              ))}
              <th scope="col" className="num">
                {t.total}
              </th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => {
              const base = `/operations/queues/${encodeURIComponent(q.queue)}`;
              return (
                <tr key={q.queue} className={count(q, 'InDoubt') > 0 ? 'in-doubt' : undefined}>
                  <th scope="row">
                    <Link to={base}>{q.queue}</Link>
                  </th>
                  {queueStates.map((s) => (
                    <td key={s} className="num">
                      {count(q, s) > 0 ? (
                        <Link to={`${base}?state=${s}`} aria-label={`${q.queue}: ${label(t, 'state_', s)} ${count(q, s)}`}>
                          {count(q, s)}
                        </Link>
                      ) : (
                        0
                      )}
                    </td>
                  ))}
                  <td className="num">{q.total}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Page>
  );
}
