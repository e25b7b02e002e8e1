import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTexts, format } from '../../../i18n/language';
import { texts } from '../texts';
import type { ActivityNode } from './graph';

/** One activity on the canvas: an input on the left, one labelled output per outcome on the right, and its errors. */
export function ActivityNodeView({ data, selected }: NodeProps<ActivityNode>) {
  const t = useTexts(texts);
  const { activity, descriptor, outcomes, problems, run, incident } = data;
  const errors = problems.filter((p) => p.severity === 'Error' || p.severity === 'error');
  const hasInput = !descriptor?.isStart;
  return (
    <div
      className={`wf-node${selected ? ' selected' : ''}${errors.length ? ' has-error' : ''}${run ? ` run-${run}` : ''}`}
      data-activity={activity.id}
      data-run={run}
      title={errors.map((p) => p.message).join('\n') || undefined}
    >
      {hasInput && <Handle type="target" position={Position.Left} id="in" className="wf-handle-in" />}
      <div className="wf-node-type">{descriptor?.displayName ?? activity.type}</div>
      <div className="wf-node-name">{activity.name || activity.id}</div>
      {errors.length > 0 && (
        <div className="wf-node-errors">
          {format(errors.length === 1 ? t.oneError : t.manyErrors, { count: errors.length })}
        </div>
      )}
      {run && (
        <div className={`wf-node-run ${run}`} data-testid="run-mark">
          {t[`mark_${run}`]}
        </div>
      )}
      {incident && (
        <div className="wf-node-incident" data-testid="run-incident">
          {incident}
        </div>
      )}
      <div className="wf-ports">
        {outcomes.map((port) => (
          <div className="wf-port" key={port}>
            <span className="wf-port-label">{port}</span>
            <Handle type="source" position={Position.Right} id={port} className="wf-handle-out" data-port={port} />
          </div>
        ))}
      </div>
    </div>
  );
}
