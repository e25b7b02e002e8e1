import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { get, post } from '../../api/client';
import { JsonView } from '../../components/JsonView';
import { LoadStatus } from '../../components/LoadStatus';
import { TableHead } from '../../components/TableHead';
import { format, useLanguage, useTexts } from '../../i18n/language';
import { Page } from '../../shell/Page';
import { BackLink } from './BackLink';
import { EvidenceLinks } from './EvidenceLinks';
import { label, texts } from './texts';
import { when, type InstanceDetails, type InstanceResult, type JournalEntry } from './types';
import './operations.css';

type Action = 'cancel' | 'retry';

/** One instance: status, input/variables/output, incidents, the journal, and cancel / retry with confirmation. */
export default function InstancePage() {
  const t = useTexts(texts);
  const { language } = useLanguage();
  const { id = '' } = useParams();
  const [instance, setInstance] = useState<InstanceDetails>();
  const [journal, setJournal] = useState<JournalEntry[]>([]);
  const [error, setError] = useState<unknown>();
  const [confirming, setConfirming] = useState<Action>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();

  const load = useCallback(async () => {
    const path = `/api/instances/${encodeURIComponent(id)}`;
    const [details, entries] = await Promise.all([get<InstanceDetails>(path), get<JournalEntry[]>(`${path}/journal`)]);
    setInstance(details);
    setJournal(entries);
    return details;
  }, [id]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A running instance is followed until it stops running, so a started flow is seen finishing.
    const refresh = () =>
      load().then(
        (details) => {
          if (!stopped && details.status === 'Running') timer = setTimeout(refresh, 500);
        },
        (e) => !stopped && setError(e),
      );
    refresh();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [load]);

  async function run(action: Action) {
    setBusy(true);
    setError(undefined);
    try {
      const result = await post<InstanceResult>(`/api/instances/${encodeURIComponent(id)}/${action}`);
      setConfirming(undefined);
      setDone(format(t.statusNow, { status: label(t, 'status_', result.status) }));
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  // Where it stands: activities about to run, and bookmarks it waits on (a human task, a signal, a timer).
  const waitingAt = instance
    ? [
        ...instance.pendingActivities,
        ...instance.bookmarks.map((b) => `${b.activityId} (${b.kind}${b.key ? `: ${b.key}` : ''})`),
      ]
    : [];
  const openIncident = instance?.incidents.find((i) => !i.resolved);
  const canCancel = instance && ['Running', 'Suspended', 'Faulted'].includes(instance.status);
  const canRetry = instance?.status === 'Faulted';

  return (
    <Page title={format(t.instanceTitle, { id })}>
      <BackLink to="/operations/instances">{t.backToInstances}</BackLink>
      <LoadStatus error={error} loaded={!!instance} />
      {instance && (
        <>
          <section className="ops-section" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{t.summary}</h2>
            <dl className="ops-dl">
              <dt>{t.status}</dt>
              <dd>
                <span className={`ops-badge ${instance.status}`} data-testid="instance-status">
                  {label(t, 'status_', instance.status)}
                </span>
              </dd>
              <dt>{t.workflow}</dt>
              <dd>
                {instance.definitionId} v{instance.definitionVersion}
              </dd>
              <dt>{t.businessKey}</dt>
              <dd>{instance.correlationId ?? '–'}</dd>
              {instance.parentInstanceId && (
                <>
                  <dt>{t.parent}</dt>
                  <dd>
                    <Link to={`/operations/instances/${encodeURIComponent(instance.parentInstanceId)}`}>{instance.parentInstanceId}</Link>
                  </dd>
                </>
              )}
              <dt>{t.created}</dt>
              <dd>{when(instance.createdAt, language)}</dd>
              <dt>{t.finished}</dt>
              <dd>{when(instance.finishedAt, language)}</dd>
              {waitingAt.length > 0 && (
                <>
                  <dt>{t.waitingAt}</dt>
                  <dd>{waitingAt.join(', ')}</dd>
                </>
              )}
            </dl>
          </section>

          {(canCancel || canRetry || done) && (
            <section className="ops-section" aria-labelledby="actions-heading">
              <h2 id="actions-heading">{t.actions}</h2>
              {done && (
                <p role="status" className="success">
                  {done}
                </p>
              )}
              {!confirming && (
                <div className="ops-actions">
                  {canRetry && (
                    <button type="button" className="primary" onClick={() => setConfirming('retry')}>
                      {t.retry}
                    </button>
                  )}
                  {canCancel && (
                    <button type="button" onClick={() => setConfirming('cancel')}>
                      {t.cancel}
                    </button>
                  )}
                </div>
              )}
              {confirming && (
                <div className="ops-confirm" role="group" aria-labelledby="confirm-text">
                  <p id="confirm-text">
                    {confirming === 'retry'
                      ? format(t.confirmRetry, { activity: openIncident?.activityId ?? '?' })
                      : t.confirmCancel}
                  </p>
                  <div className="ops-actions">
                    <button type="button" className="primary" disabled={busy} onClick={() => run(confirming)} autoFocus>
                      {confirming === 'retry' ? t.yesRetry : t.yesCancel}
                    </button>
                    <button type="button" disabled={busy} onClick={() => setConfirming(undefined)}>
                      {t.no}
                    </button>
                  </div>
                </div>
              )}
            </section>
          )}

          <section className="ops-section" aria-labelledby="incidents-heading">
            <h2 id="incidents-heading">{t.incidents}</h2>
            {instance.incidents.length === 0 ? (
              <p>{t.noIncidents}</p>
            ) : (
              <ul>
                {instance.incidents.map((i, n) => (
                  <li key={n} className={i.resolved ? undefined : 'error'}>
                    <strong>
                      {i.activityId} ({i.activityType})
                    </strong>
                    : {i.message} – {when(i.at, language)} – {i.resolved ? t.resolvedIncident : t.openIncident}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="ops-section" aria-labelledby="data-heading">
            <h2 id="data-heading">
              {t.input} / {t.variables} / {t.output}
            </h2>
            <JsonView heading={t.input} label={t.input} value={instance.input} />
            <JsonView heading={t.variables} label={t.variables} value={instance.variables} />
            <JsonView heading={t.output} label={t.output} value={instance.output} testId="instance-output" />
          </section>

          <section className="ops-section" aria-labelledby="journal-heading">
            <h2 id="journal-heading">{t.journal}</h2>
            {journal.length === 0 ? (
              <p>{t.noJournal}</p>
            ) : (
              <table className="ops-table">
                <TableHead
                  columns={[{ label: t.step, numeric: true }, t.activity, t.outcome, t.started, { label: t.attempts, numeric: true }, t.details]}
                />
                <tbody>
                  {journal.map((e) => (
                    <tr key={e.sequence}>
                      <td className="num">{e.sequence}</td>
                      <td>
                        {e.activityId} <span className="hint">({e.activityType})</span>
                      </td>
                      <td>
                        <span className={`ops-badge ${e.outcome === 'Faulted' ? 'Faulted' : ''}`}>{e.outcome}</span>
                      </td>
                      <td>{when(e.startedAt, language)}</td>
                      <td className="num">{e.attempts}</td>
                      <td>
                        <EvidenceLinks lines={e.log} activityId={e.activityId} />
                        <details>
                          <summary>
                            {t.details} <span className="hint">{e.activityId}</span>
                          </summary>
                          <JsonView heading={t.activityInputs} value={e.inputs ?? {}} />
                          <JsonView heading={t.activityOutputs} value={e.outputs ?? {}} />
                          {e.log && e.log.length > 0 && <JsonView heading={t.activityLog} text={e.log.join('\n')} />}
                          {e.exception && <JsonView heading={t.activityException} text={e.exception} />}
                        </details>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </Page>
  );
}
