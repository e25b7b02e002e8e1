import { useEffect, useState } from 'react';
import { get } from '../../api/client';
import { format, useLanguage, useTexts } from '../../i18n/language';
import { ErrorMessage } from '../../shell/ErrorMessage';
import { texts } from './texts';
import { when, type TaskEvidence as Evidence } from './types';

const isImage = (e: Evidence) => e.mediaType === 'image/png';

/**
 * The evidence the task's instance recorded (GET /api/tasks/{id}/evidence): the newest screenshot shown, earlier
 * evidence as links. Nothing is shown for a task whose flow recorded none.
 */
export function TaskEvidence({ taskId }: { taskId: string }) {
  const t = useTexts(texts);
  const { language } = useLanguage();
  const [evidence, setEvidence] = useState<Evidence[]>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const controller = new AbortController();
    get<Evidence[]>(`/api/tasks/${encodeURIComponent(taskId)}/evidence`, controller.signal).then(setEvidence, (e) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [taskId]);

  if (error) return <ErrorMessage error={error} />;
  if (!evidence || evidence.length === 0) return null;

  const url = (e: Evidence) => `/api/tasks/${encodeURIComponent(taskId)}/evidence/${e.sha256}`;
  const shown = evidence.find(isImage);
  const others = evidence.filter((e) => e !== shown);
  return (
    <section className="tasks-section" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">{t.evidence}</h2>
      <p>{t.evidenceIntro}</p>
      {shown && (
        <figure className="tasks-evidence">
          <a href={url(shown)} target="_blank" rel="noreferrer">
            <img src={url(shown)} alt={format(t.screenshotAlt, { activity: shown.activityId, at: when(shown.at, language) })} />
          </a>
          <figcaption>{format(t.screenshotCaption, { activity: shown.activityId, type: shown.activityType, at: when(shown.at, language) })}</figcaption>
        </figure>
      )}
      {others.length > 0 && (
        <>
          <h3>{t.earlierEvidence}</h3>
          <ul>
            {others.map((e) => (
              <li key={e.sha256}>
                {e.mediaType ? (
                  <a href={url(e)} target="_blank" rel="noreferrer">
                    {format(t.openEvidence, { activity: e.activityId, at: when(e.at, language) })}
                  </a>
                ) : (
                  <>
                    {format(t.openEvidence, { activity: e.activityId, at: when(e.at, language) })} ({t.evidenceExpired})
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
