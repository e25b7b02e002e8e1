import type { Edge } from '@xyflow/react';
import type { InstanceDetails, JournalEntry } from '../../../operations/types';

/** How a node took part in a test run: ran and went on, runs (or is next) now, waits on a bookmark, or failed. */
export type RunMark = 'executed' | 'running' | 'waiting' | 'faulted';

export interface RunPath {
  marks: Map<string, RunMark>;
  /** Ids of the canvas edges the run went along. */
  takenEdges: Set<string>;
  /** The open incident's message per activity. */
  incidents: Map<string, string>;
}

const evidencePattern = /evidence:sha256:([0-9a-fA-F]{64})/g;

/** The 64-hex SHA-256 of every evidence reference (evidence:sha256:<hex>) in the lines, first seen first. */
export function evidenceIn(lines: readonly string[] | null | undefined): string[] {
  const found: string[] = [];
  for (const line of lines ?? []) for (const match of line.matchAll(evidencePattern)) if (!found.includes(match[1].toLowerCase())) found.push(match[1].toLowerCase());
  return found;
}

/** The ports a journal outcome names: one port, several joined by commas, or none (Suspended, Faulted, Ended). */
export function portsOf(outcome: string): string[] {
  return ['Suspended', 'Faulted', 'Ended'].includes(outcome) ? [] : outcome.split(',').filter(Boolean);
}

/**
 * The path a run took, from its journal and where it stands: an activity's last journal entry decides executed or
 * faulted; activities with a token are running while the instance runs; bookmarks wait; an edge is taken when its
 * source's journal shows its port.
 */
export function runPath(instance: InstanceDetails | undefined, journal: readonly JournalEntry[], edges: readonly Edge[]): RunPath {
  const marks = new Map<string, RunMark>();
  const ports = new Map<string, Set<string>>();
  for (const entry of journal) {
    marks.set(entry.activityId, entry.outcome === 'Faulted' ? 'faulted' : entry.outcome === 'Suspended' ? 'waiting' : 'executed');
    const taken = ports.get(entry.activityId) ?? new Set<string>();
    portsOf(entry.outcome).forEach((p) => taken.add(p));
    ports.set(entry.activityId, taken);
  }
  const incidents = new Map<string, string>();
  if (instance) {
    if (instance.status === 'Running') for (const id of instance.pendingActivities) if (marks.get(id) !== 'faulted') marks.set(id, 'running');
    for (const bookmark of instance.bookmarks) marks.set(bookmark.activityId, 'waiting');
    for (const incident of instance.incidents) {
      if (incident.resolved) continue;
      incidents.set(incident.activityId, incident.message);
      marks.set(incident.activityId, 'faulted');
    }
  }
  const takenEdges = new Set(edges.filter((e) => ports.get(e.source)?.has(e.sourceHandle ?? 'Done')).map((e) => e.id));
  return { marks, takenEdges, incidents };
}

/** True while the instance may still move: running, or suspended until a timer, signal or answer; an ended run is left alone. */
export function isLive(instance: InstanceDetails | undefined): boolean {
  return !instance || instance.status === 'Running' || instance.status === 'Suspended';
}
