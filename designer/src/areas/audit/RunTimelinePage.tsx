import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { get } from '../../api/client';
import { LoadStatus } from '../../components/LoadStatus';
import { TableHead } from '../../components/TableHead';
import { format, useLanguage, useTexts } from '../../i18n/language';
import { Page } from '../../shell/Page';
import { EvidenceLinks } from './EvidenceLinks';
import { PayloadValues } from './PayloadValues';
import { texts } from './texts';
import { evidenceReferences, when, type AuditEvent, type RunTimeline } from './types';
import './audit.css';

/** The step's activity, when the record is an activity execution. */
function activityOf(e: AuditEvent): string {
  const p = e.payload as { activityId?: string; activityType?: string } | null | undefined;
  if (!p || typeof p !== 'object' || !p.activityId) return '–';
  return p.activityType ? `${p.activityId} (${p.activityType})` : p.activityId;
}

/**
 * One run as the run log holds it, oldest first: started, each activity with its values (masked by the server
 * before they were stored), the end, and the evidence each step refers to (thumbnails, downloads, or its expiry).
 */
export default function RunTimelinePage() {
  const t = useTexts(texts);
  const { language } = useLanguage();
  const { instanceId = '' } = useParams();
  const [timeline, setTimeline] = useState<RunTimeline>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const controller = new AbortController();
    setTimeline(undefined);
    setError(undefined);
    get<RunTimeline>(`/api/audit/runs/${encodeURIComponent(instanceId)}`, controller.signal).then(setTimeline, (e) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [instanceId]);

  const events = timeline?.events ?? [];
  const first = events[0];
  const anyEvidence = events.some((e) => evidenceReferences(e.payload).length > 0);
  const known = new Map((timeline?.evidence ?? []).map((info) => [info.sha256, info]));
  return (
    <Page title={format(t.timelineTitle, { id: instanceId })}>
      <p>
        <Link to={first?.businessKey ? `/audit?businessKey=${encodeURIComponent(first.businessKey)}` : '/audit'}>{t.back}</Link>
      </p>
      <p>{t.timelineIntro}</p>
      <LoadStatus error={error} loaded={!!timeline} empty={events.length === 0} emptyText={t.timelineEmpty} loadingText={t.loading} />
      {first && (
        <dl className="audit-dl">
          <dt>{t.workflowColumn}</dt>
          <dd>{first.workflowId ? `${first.workflowId}${first.workflowVersion ? ` v${first.workflowVersion}` : ''}` : '–'}</dd>
          <dt>{t.businessKey}</dt>
          <dd>{first.businessKey ?? '–'}</dd>
        </dl>
      )}
      {anyEvidence && <p className="hint">{t.evidenceNote}</p>}
      {events.length > 0 && (
        <section aria-labelledby="audit-steps-heading" className="audit-section">
          <h2 id="audit-steps-heading">{t.steps}</h2>
          <div className="audit-scroll">
            <table className="audit-table">
              <TableHead
                columns={[{ label: t.sequence, numeric: true }, t.time, t.eventType, t.activity, t.outcome, t.actor, t.values, t.evidence]}
              />
              <tbody>
                {events.map((e) => {
                  const evidence = evidenceReferences(e.payload);
                  return (
                    <tr key={e.sequence} data-testid="timeline-step">
                      <td className="num">{e.sequence}</td>
                      <td>{when(e.timestamp, language)}</td>
                      <td>{e.type}</td>
                      <td>{activityOf(e)}</td>
                      <td>{e.outcome ?? '–'}</td>
                      <td>{e.actor}</td>
                      <td>
                        <PayloadValues payload={e.payload} />
                      </td>
                      <td>
                        <EvidenceLinks references={evidence} known={known} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </Page>
  );
}
