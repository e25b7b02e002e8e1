import { useCallback, useEffect, useRef, useState } from 'react';
import { get, post } from '../../../../api/client';
import type { InstanceDetails, JournalEntry } from '../../../operations/types';
import { isLive } from './runPath';

/** What POST /api/definitions/{id}/test-run answers: the instance, and which version runs (0: the draft). */
export interface TestRunStarted {
  instanceId: string;
  status: string;
  definitionVersion: number;
}

export interface TestRun {
  instanceId: string;
  definitionVersion: number;
  instance?: InstanceDetails;
  journal: JournalEntry[];
  error?: unknown;
}

/** How often a running test run is read again: often enough to watch it move, rare enough to cost little. */
export const pollMs = 500;

/** A suspended run (a timer, a signal, a human task) may go on later; it is read again less often. */
export const suspendedPollMs = 2000;

const enc = encodeURIComponent;

/**
 * Starts test runs and follows the current one: the instance and its journal are read every {@link pollMs} while it
 * runs (every {@link suspendedPollMs} while it waits) until it ends. Starting another, clearing, or leaving the page
 * stops following it.
 */
export function useTestRun() {
  const [run, setRun] = useState<TestRun>();
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stop = useCallback(() => {
    generation.current++;
    clearTimeout(timer.current);
  }, []);

  useEffect(() => stop, [stop]);

  const follow = useCallback((instanceId: string, mine: number) => {
    const path = `/api/instances/${enc(instanceId)}`;
    const refresh = async () => {
      try {
        const [instance, journal] = await Promise.all([get<InstanceDetails>(path), get<JournalEntry[]>(`${path}/journal`)]);
        if (mine !== generation.current) return;
        setRun((r) => (r && r.instanceId === instanceId ? { ...r, instance, journal, error: undefined } : r));
        if (isLive(instance)) timer.current = setTimeout(refresh, instance.status === 'Suspended' ? suspendedPollMs : pollMs);
      } catch (error) {
        if (mine !== generation.current) return;
        setRun((r) => (r && r.instanceId === instanceId ? { ...r, error } : r));
      }
    };
    void refresh();
  }, []);

  /** Starts a test run of the workflow's draft (the server validates it first; a 400 is thrown to the caller). */
  const start = useCallback(
    async (workflowId: string, input: Record<string, unknown>) => {
      stop();
      const started = await post<TestRunStarted>(`/api/definitions/${enc(workflowId)}/test-run`, { input });
      const mine = generation.current;
      setRun({ instanceId: started.instanceId, definitionVersion: started.definitionVersion, journal: [] });
      follow(started.instanceId, mine);
      return started;
    },
    [stop, follow],
  );

  const clear = useCallback(() => {
    stop();
    setRun(undefined);
  }, [stop]);

  return { run, start, clear };
}
