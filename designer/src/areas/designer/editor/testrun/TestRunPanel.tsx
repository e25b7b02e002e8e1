import { useEffect, useState } from 'react';
import { JsonView } from '../../../../components/JsonView';
import { format, useTexts } from '../../../../i18n/language';
import { ErrorMessage } from '../../../../shell/ErrorMessage';
import { texts } from '../../texts';
import { evidenceIn, type RunPath } from './runPath';
import type { TestRun } from './useTestRun';

interface Props {
  run: TestRun;
  path: RunPath;
  /** The name the canvas shows for an activity id. */
  nameOf: (activityId: string) => string;
  /** The activity selected on the canvas: its last execution is shown. */
  selectedActivity?: string;
  onClose: () => void;
}

const statusKeys = {
  Running: 'runStatus_Running',
  Suspended: 'runStatus_Suspended',
  Finished: 'runStatus_Finished',
  Faulted: 'runStatus_Faulted',
  Cancelled: 'runStatus_Cancelled',
} as const;

/**
 * The test run beside the canvas: where it stands, its incident, every executed activity in order; choosing one shows
 * its inputs, outputs, log lines, error and the screenshots its log names (evidence:sha256:...).
 */
export function TestRunPanel({ run, path, nameOf, selectedActivity, onClose }: Props) {
  const t = useTexts(texts);
  const [chosen, setChosen] = useState<number>();
  const { instance, journal } = run;
  const status = instance?.status ?? 'Running';
  const statusText = status in statusKeys ? t[statusKeys[status as keyof typeof statusKeys]] : status;
  const entry = journal.find((e) => e.sequence === chosen);

  // Selecting a node on the canvas shows its last execution here.
  const lastOfSelected = selectedActivity ? [...journal].reverse().find((e) => e.activityId === selectedActivity)?.sequence : undefined;
  useEffect(() => {
    if (lastOfSelected !== undefined) setChosen(lastOfSelected);
  }, [lastOfSelected]);
  const incidents = [...path.incidents];

  return (
    <section className="wf-panel wf-testrun" aria-labelledby="wf-testrun-heading">
      <h2 id="wf-testrun-heading">{t.testRun}</h2>
      <p role="status">
        {t.runStatus}:{' '}
        <span className={`wf-run-status ${status}`} data-testid="testrun-status">
          {statusText}
        </span>
      </p>
      <p className="hint">
        {run.definitionVersion === 0 ? t.runOfDraft : format(t.runOfVersion, { version: run.definitionVersion })} · {t.runInstance}{' '}
        <code>{run.instanceId}</code>
      </p>
      <ErrorMessage error={run.error} />
      {incidents.length > 0 && (
        <div className="error" role="alert" data-testid="testrun-incident">
          {incidents.map(([activityId, message]) => (
            <p key={activityId}>
              <strong>
                {t.incident} {nameOf(activityId)}:
              </strong>{' '}
              {message}
            </p>
          ))}
        </div>
      )}
      {instance && Object.keys(instance.output ?? {}).length > 0 && <JsonView heading={t.runOutput} label={t.runOutput} value={instance.output} testId="testrun-output" />}
      <h3 id="wf-testrun-steps">{t.runSteps}</h3>
      {journal.length === 0 ? (
        <p>{t.runNoSteps}</p>
      ) : (
        <ol className="wf-testrun-steps" aria-labelledby="wf-testrun-steps">
          {journal.map((e) => (
            <li key={e.sequence}>
              <button
                type="button"
                aria-pressed={e.sequence === chosen}
                className={e.outcome === 'Faulted' ? 'faulted' : undefined}
                onClick={() => setChosen(e.sequence === chosen ? undefined : e.sequence)}
                data-activity={e.activityId}
              >
                {nameOf(e.activityId)} <span className="hint">({e.activityType})</span> → {e.outcome === 'Faulted' ? t.mark_faulted : e.outcome === 'Suspended' ? t.mark_waiting : e.outcome}
              </button>
            </li>
          ))}
        </ol>
      )}
      {entry && (
        <div className="wf-testrun-step" data-testid="testrun-step">
          <h3>{format(t.stepHeading, { activity: nameOf(entry.activityId), sequence: entry.sequence })}</h3>
          <JsonView heading={t.stepInputs} label={`${t.stepInputs} ${entry.activityId}`} value={entry.inputs ?? {}} />
          <JsonView heading={t.stepOutputs} label={`${t.stepOutputs} ${entry.activityId}`} value={entry.outputs ?? {}} testId="testrun-step-outputs" />
          <h4>{t.stepLog}</h4>
          {entry.log && entry.log.length > 0 ? <JsonView label={`${t.stepLog} ${entry.activityId}`} text={entry.log.join('\n')} testId="testrun-step-log" /> : <p>{t.stepNoLog}</p>}
          {entry.exception && <JsonView heading={t.stepException} label={t.stepException} text={entry.exception} />}
          {evidenceIn(entry.log).map((hash) => (
            <figure key={hash} className="wf-evidence">
              <img src={`/api/evidence/${hash}`} alt={format(t.evidenceAlt, { activity: nameOf(entry.activityId) })} />
              <figcaption>
                <a href={`/api/evidence/${hash}`} target="_blank" rel="noreferrer">
                  {t.evidenceOpen}
                </a>
              </figcaption>
            </figure>
          ))}
        </div>
      )}
      <button type="button" onClick={onClose}>
        {t.closeRun}
      </button>
    </section>
  );
}
