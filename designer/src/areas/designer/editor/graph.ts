import type { Edge, Node } from '@xyflow/react';
import type { ActivityDescriptor, Problem, WorkflowActivity, WorkflowConnection, WorkflowDefinition } from '../model';
import type { RunMark } from './testrun/runPath';

/** What a canvas node carries: the activity as it will be saved, its type's descriptor and the server's problems with it. */
export type ActivityNodeData = {
  activity: WorkflowActivity;
  descriptor?: ActivityDescriptor;
  outcomes: string[];
  problems: Problem[];
  /** How the shown test run went through this activity, and its open incident's message. */
  run?: RunMark;
  incident?: string;
};

export type ActivityNode = Node<ActivityNodeData, 'activity'>;

export const nodeWidth = 190;
export const nodeHeight = 90;

export function edgeId(c: WorkflowConnection): string {
  return `${c.source.activity}:${c.source.port ?? 'Done'}->${c.target.activity}`;
}

export function toEdge(c: WorkflowConnection): Edge {
  const port = c.source.port ?? 'Done';
  return { id: edgeId(c), source: c.source.activity, sourceHandle: port, target: c.target.activity, targetHandle: 'in', label: port };
}

export function toConnection(e: Edge): WorkflowConnection {
  return { source: { activity: e.source, port: e.sourceHandle ?? 'Done' }, target: { activity: e.target } };
}

/** The workflow JSON from the canvas: positions go to metadata.designer, everything else as it came. */
export function toDefinition(workflow: WorkflowDefinition, nodes: ActivityNode[], edges: Edge[]): WorkflowDefinition {
  const activities = nodes.map((n) => ({
    ...n.data.activity,
    metadata: { ...(n.data.activity.metadata ?? {}), designer: { x: Math.round(n.position.x), y: Math.round(n.position.y) } },
  }));
  return { ...workflow, root: { ...workflow.root, activities, connections: edges.map(toConnection) } };
}

/** A place for a new activity that no other one covers: the first free cell of a grid, row by row. */
export function freeSpot(nodes: ActivityNode[]): { x: number; y: number } {
  for (let row = 0; row < 50; row++) {
    for (let col = 0; col < 5; col++) {
      const x = 40 + col * (nodeWidth + 60);
      const y = 40 + row * (nodeHeight + 60);
      const taken = nodes.some((n) => Math.abs(n.position.x - x) < nodeWidth + 20 && Math.abs(n.position.y - y) < nodeHeight + 20);
      if (!taken) return { x, y };
    }
  }
  return { x: 40, y: 40 + 50 * (nodeHeight + 60) };
}

/** An id for a new activity of `type` that the workflow does not use yet: log1, log2, ... */
export function newActivityId(type: string, nodes: ActivityNode[]): string {
  const base = type.replace(/[^A-Za-z0-9]/g, '').replace(/^./, (c) => c.toLowerCase()) || 'activity';
  for (let n = 1; ; n++) {
    const id = `${base}${n}`;
    if (!nodes.some((node) => node.id === id)) return id;
  }
}

/** Left-to-right layers: each activity one column right of the nearest activity leading to it (breadth-first, so loops do not matter). */
export function autoLayout(nodes: ActivityNode[], edges: Edge[]): ActivityNode[] {
  const incoming = new Set(edges.map((e) => e.target));
  const depth = new Map<string, number>();
  const queue = nodes.filter((n) => !incoming.has(n.id)).map((n) => n.id);
  if (queue.length === 0 && nodes.length) queue.push(nodes[0].id);
  queue.forEach((id) => depth.set(id, 0));
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    for (const e of edges) {
      if (e.source === id && !depth.has(e.target)) {
        depth.set(e.target, (depth.get(id) ?? 0) + 1);
        queue.push(e.target);
      }
    }
  }
  const rows = new Map<number, number>();
  return nodes.map((n) => {
    const column = depth.get(n.id) ?? 0;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    return { ...n, position: { x: 40 + column * (nodeWidth + 70), y: 40 + row * (nodeHeight + 50) } };
  });
}

/** Copies of `selected` (and the connections among them) with fresh ids, shifted so they do not hide the originals. */
export function duplicate(selected: ActivityNode[], edges: Edge[], existing: ActivityNode[]): { nodes: ActivityNode[]; edges: Edge[] } {
  const ids = new Map<string, string>();
  const taken = [...existing];
  const nodes = selected.map((n) => {
    const id = newActivityId(n.data.activity.type, taken);
    ids.set(n.id, id);
    const copy: ActivityNode = {
      ...n,
      id,
      selected: true,
      position: { x: n.position.x + 40, y: n.position.y + 40 },
      data: { ...n.data, activity: { ...structuredClone(n.data.activity), id }, problems: [] },
    };
    taken.push(copy);
    return copy;
  });
  const copies = edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => toEdge({ source: { activity: ids.get(e.source)!, port: e.sourceHandle }, target: { activity: ids.get(e.target)! } }));
  return { nodes, edges: copies };
}
