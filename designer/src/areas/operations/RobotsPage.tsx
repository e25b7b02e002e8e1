import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { get } from '../../api/client';
import { LoadStatus } from '../../components/LoadStatus';
import { TableHead } from '../../components/TableHead';
import { format, useLanguage, useTexts } from '../../i18n/language';
import { Page } from '../../shell/Page';
import { BackLink } from './BackLink';
import { label, texts, type OperationsTexts } from './texts';
import { when, type RobotItem, type RobotSession, type RobotsView } from './types';
import './operations.css';

const refreshSeconds = 5;

const driverName = (t: OperationsTexts, kind: string) => (t as Record<string, string>)['driver_' + kind] ?? kind;

/** The robot sessions the server has open now, read again every few seconds. */
export default function RobotsPage() {
  const t = useTexts(texts);
  const { language } = useLanguage();
  const [robots, setRobots] = useState<RobotsView>();
  const [error, setError] = useState<unknown>();
  const inFlight = useRef<AbortController | null>(null);

  const load = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    get<RobotsView>('/api/robots', controller.signal).then(
      (view) => {
        setRobots(view);
        setError(undefined);
      },
      (e) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
  }, []);

  useEffect(() => {
    load();
    const timer = window.setInterval(load, refreshSeconds * 1000);
    return () => {
      window.clearInterval(timer);
      inFlight.current?.abort();
    };
  }, [load]);

  const sessions = robots?.sessions ?? [];
  const others = robots?.otherLeases ?? [];
  return (
    <Page title={t.robotsTitle}>
      <BackLink to="/operations">{t.title}</BackLink>
      <div className="ops-actions">
        {/* Not a live region: a status read aloud every few seconds would drown everything else. */}
        <p className="robots-refresh">{format(t.robotsRefresh, { seconds: refreshSeconds, at: robots ? when(robots.at, language) : '–' })}</p>
        <button type="button" onClick={load}>
          {t.refreshNow}
        </button>
      </div>
      <LoadStatus error={error} loaded={robots !== undefined} empty={robots !== undefined && sessions.length === 0} emptyText={t.noRobots} />
      {robots && sessions.length === 0 && <p>{t.noRobotsExplained}</p>}
      {sessions.length > 0 && (
        <table className="ops-table" aria-label={t.robotsTitle}>
          <caption className="visually-hidden">{format(t.robotsCount, { count: sessions.length })}</caption>
          <TableHead columns={[t.targetSystem, t.driver, t.instance, t.workflow, t.workingOn, t.openSince, t.lastSign]} />
          <tbody>
            {sessions.map((s) => (
              <SessionRow key={`${s.instanceId}/${s.target}`} session={s} at={robots!.at} t={t} language={language} />
            ))}
          </tbody>
        </table>
      )}
      {others.length > 0 && (
        <section className="ops-section" aria-labelledby="other-leases-heading">
          <h2 id="other-leases-heading">{t.otherLeases}</h2>
          <p>{t.otherLeasesIntro}</p>
          <table className="ops-table">
            <TableHead columns={[t.leaseOwner, t.workingOn, t.lastSign]} />
            <tbody>
              {others.map((l) => (
                <tr key={l.item.id} className={l.item.inDoubt ? 'in-doubt' : undefined}>
                  <th scope="row">{l.owner}</th>
                  <td>
                    <ItemCell item={l.item} t={t} />
                  </td>
                  <td>
                    <LeaseCell item={l.item} at={robots!.at} t={t} language={language} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Page>
  );
}

function SessionRow({ session: s, at, t, language }: { session: RobotSession; at: string; t: OperationsTexts; language: string }) {
  const item = s.item;
  return (
    <tr className={item?.inDoubt ? 'in-doubt' : undefined}>
      <th scope="row">{s.target}</th>
      <td>{driverName(t, s.kind)}</td>
      <td>
        <Link to={`/operations/instances/${encodeURIComponent(s.instanceId)}`}>{s.instanceId}</Link>
        {s.instanceStatus && (
          <>
            {' '}
            <span className={`ops-badge ${s.instanceStatus}`}>{label(t, 'status_', s.instanceStatus)}</span>
          </>
        )}
        {s.correlationId && <div>{s.correlationId}</div>}
      </td>
      <td>
        {s.workflowName ?? s.workflowId ?? '–'}
        {s.workflowVersion != null && <div>{format(t.startVersion, { version: s.workflowVersion })}</div>}
      </td>
      <td>
        {item ? <ItemCell item={item} t={t} /> : t.noItem}
      </td>
      <td>{when(s.openedAt, language)}</td>
      <td>
        {s.lastActivityAt && <div>{format(t.lastStep, { at: when(s.lastActivityAt, language) })}</div>}
        {item && <LeaseCell item={item} at={at} t={t} language={language} />}
      </td>
    </tr>
  );
}

function ItemCell({ item, t }: { item: RobotItem; t: OperationsTexts }) {
  return (
    <>
      <Link to={`/operations/queues/${encodeURIComponent(item.queue)}?state=InProgress`}>{item.queue}</Link>: {item.businessKey}
      <div>
        {format(t.itemAttempt, { attempts: item.attempts })}
        {item.inDoubt && (
          <>
            {' '}
            <span className="ops-badge InDoubt">{label(t, 'state_', 'InDoubt')}</span>
          </>
        )}
      </div>
    </>
  );
}

/** When the lease was last renewed and until when; an expired lease (as of the server's answer) is said in words. */
function LeaseCell({ item, at, t, language }: { item: RobotItem; at: string; t: OperationsTexts; language: string }) {
  const expired = item.leaseExpiresAt != null && new Date(item.leaseExpiresAt) < new Date(at);
  return (
    <div>
      {format(t.leaseRenewed, { at: when(item.leaseRenewedAt, language) })}
      {item.leaseExpiresAt && <>, {format(t.leaseUntil, { at: when(item.leaseExpiresAt, language) })}</>}
      {expired && (
        <>
          {' '}
          <span className="ops-badge Faulted">{t.leaseExpired}</span>
        </>
      )}
    </div>
  );
}
