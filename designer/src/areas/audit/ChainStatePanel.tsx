import { useEffect, useState } from 'react';
import { useTexts } from '../../i18n/language';
import { ErrorMessage } from '../../shell/ErrorMessage';
import { texts } from './texts';
import { readChainState, type ChainState } from './types';

/** The run log's hash chain as the server verified it at start (from /health/ready): intact or broken, with the head hash. */
export function ChainStatePanel() {
  const t = useTexts(texts);
  const [state, setState] = useState<ChainState>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const controller = new AbortController();
    readChainState(controller.signal).then(setState, (e) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, []);

  const breakKind = (kind?: string) =>
    kind === 'changed' ? t.breakChanged : kind === 'deleted' ? t.breakDeleted : kind === 'reordered' ? t.breakReordered : kind === 'truncated' ? t.breakTruncated : (kind ?? '');
  const label = !state ? '' : state.status === 'Healthy' ? t.chainIntact : state.status === 'Unhealthy' ? t.chainBroken : t.chainUnknown;
  const tone = state?.status === 'Healthy' ? 'intact' : state?.status === 'Unhealthy' ? 'broken' : 'unknown';
  return (
    <section aria-labelledby="audit-chain-heading" className={`audit-chain ${tone}`}>
      <h2 id="audit-chain-heading">{t.chainHeading}</h2>
      <ErrorMessage error={error} />
      {!state && !error && <p role="status">{t.loading}</p>}
      {state && (
        <>
          <dl className="audit-dl">
            <dt>{t.chainState}</dt>
            <dd data-testid="chain-state">
              <strong>{label}</strong>
            </dd>
            {state.brokenAt && (
              <>
                <dt>{t.chainBrokenAt}</dt>
                <dd data-testid="chain-broken-at">
                  <strong>{state.brokenAt}</strong> ({breakKind(state.brokenKind)})
                </dd>
              </>
            )}
            {state.sequence && (
              <>
                <dt>{t.chainSequence}</dt>
                <dd>{state.sequence}</dd>
              </>
            )}
            {state.head && (
              <>
                <dt>{t.chainHead}</dt>
                <dd>
                  <code data-testid="chain-head" className="audit-hash">
                    {state.head}
                  </code>
                </dd>
              </>
            )}
          </dl>
          {!state.head && state.description && <p>{state.description}</p>}
          <p className="hint">{t.chainNote}</p>
        </>
      )}
    </section>
  );
}
