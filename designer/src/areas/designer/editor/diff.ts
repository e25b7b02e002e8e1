import type { WorkflowDefinition } from '../model';
import { edgeId } from './graph';

export type Change = { kind: 'added' | 'removed' | 'changed'; what: 'activity' | 'connection' | 'setting'; name: string; detail?: string };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What differs from `before` to `after`: activities (type, name, inputs; moves are not changes), connections and settings. */
export function diffDefinitions(before: WorkflowDefinition, after: WorkflowDefinition): Change[] {
  const changes: Change[] = [];
  for (const key of ['name', 'description', 'inputs', 'outputs', 'variables', 'triggers'] as const) {
    if (!same(before[key], after[key])) changes.push({ kind: 'changed', what: 'setting', name: key });
  }
  const old = new Map((before.root.activities ?? []).map((a) => [a.id, a]));
  const now = new Map((after.root.activities ?? []).map((a) => [a.id, a]));
  for (const [id, a] of now) {
    const b = old.get(id);
    if (!b) {
      changes.push({ kind: 'added', what: 'activity', name: `${id} (${a.type})` });
      continue;
    }
    const inputs = new Set([...Object.keys(a.inputs ?? {}), ...Object.keys(b.inputs ?? {})]);
    const changed = [...inputs].filter((i) => !same(a.inputs?.[i], b.inputs?.[i]));
    if (a.type !== b.type) changed.unshift('type');
    if ((a.name ?? '') !== (b.name ?? '')) changed.unshift('name');
    if (changed.length) changes.push({ kind: 'changed', what: 'activity', name: `${id} (${a.type})`, detail: changed.join(', ') });
  }
  for (const [id, b] of old) if (!now.has(id)) changes.push({ kind: 'removed', what: 'activity', name: `${id} (${b.type})` });
  const connections = (d: WorkflowDefinition) => new Set((d.root.connections ?? []).map(edgeId));
  const [c1, c2] = [connections(before), connections(after)];
  for (const c of c2) if (!c1.has(c)) changes.push({ kind: 'added', what: 'connection', name: c });
  for (const c of c1) if (!c2.has(c)) changes.push({ kind: 'removed', what: 'connection', name: c });
  return changes;
}
