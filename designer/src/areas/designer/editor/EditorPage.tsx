import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  addEdge,
  useEdgesState,
  useNodesState,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { ApiError } from '../../../api/client';
import { format, useTexts } from '../../../i18n/language';
import { ErrorMessage } from '../../../shell/ErrorMessage';
import { Page } from '../../../shell/Page';
import { texts } from '../texts';
import { definitionsApi, outcomesOf, type ActivityDescriptor, type DefinitionVersionInfo, type Problem, type WorkflowActivity, type WorkflowDefinition } from '../model';
import '../designer.css';
import { ActivityNodeView } from './ActivityNodeView';
import { autoLayout, duplicate, edgeId, freeSpot, newActivityId, toDefinition, toEdge, type ActivityNode } from './graph';
import { Palette, dragType } from './Palette';
import { PropertyPanel } from './PropertyPanel';
import { SettingsPanel } from './SettingsPanel';
import { VersionsPanel } from './VersionsPanel';
import { TestRunDialog } from './testrun/TestRunDialog';
import { TestRunPanel } from './testrun/TestRunPanel';
import { runPath } from './testrun/runPath';
import { useTestRun } from './testrun/useTestRun';
import './testrun/testrun.css';

const nodeTypes = { activity: ActivityNodeView };

interface Snapshot {
  workflow: WorkflowDefinition;
  nodes: ActivityNode[];
  edges: Edge[];
}

/** True when a key press belongs to a form control (typing there must not trigger canvas shortcuts). */
const inControl = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The designer: palette, canvas, property and settings panels; save, validate, publish and versions. */
export default function EditorPage() {
  return (
    <ReactFlowProvider>
      <Editor />
    </ReactFlowProvider>
  );
}

function Editor() {
  const t = useTexts(texts);
  const { id = '' } = useParams();
  const flow = useReactFlow();
  const [activities, setActivities] = useState<ActivityDescriptor[]>([]);
  const [workflow, setWorkflow] = useState<WorkflowDefinition>();
  const [nodes, setNodes, onNodesChangeBase] = useNodesState<ActivityNode>([]);
  const [edges, setEdges, onEdgesChangeBase] = useEdgesState<Edge>([]);
  const [versions, setVersions] = useState<DefinitionVersionInfo[]>([]);
  const [problems, setProblems] = useState<Problem[]>();
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  // Fit the view to a loaded drawing once; an empty canvas keeps the plain viewport, so a first drop stays where it lands.
  const [initialFit, setInitialFit] = useState<boolean>();
  const canvas = useRef<HTMLDivElement>(null);
  // Test run: the input dialog, its error, and the run being followed (its path is drawn over the canvas).
  const [testDialog, setTestDialog] = useState(false);
  const [testError, setTestError] = useState<unknown>();
  const testRun = useTestRun();

  // Undo/redo: snapshots of the whole drawing. Typing in one field (or in the settings) is one step, not one per key.
  const latest = useRef<Snapshot | undefined>(undefined);
  latest.current = workflow ? { workflow, nodes, edges } : undefined;
  const undoStack = useRef<Snapshot[]>([]);
  const redoStack = useRef<Snapshot[]>([]);
  const lastKey = useRef<string | null>(null);
  const [historySize, setHistorySize] = useState({ undo: 0, redo: 0 });
  const clipboard = useRef<{ nodes: ActivityNode[]; edges: Edge[] } | null>(null);

  const remember = useCallback((key: string | null = null) => {
    // Several changes of one gesture (a node and its connections deleted) arrive before the next render: one step.
    if (!latest.current || (key !== null && key === lastKey.current) || undoStack.current.at(-1) === latest.current) return;
    lastKey.current = key;
    undoStack.current = [...undoStack.current.slice(-99), latest.current];
    redoStack.current = [];
    setHistorySize({ undo: undoStack.current.length, redo: 0 });
  }, []);

  const descriptors = useMemo(() => new Map(activities.map((a) => [a.type, a])), [activities]);

  const nodeOf = useCallback(
    (activity: WorkflowActivity, position: { x: number; y: number }, selected = false): ActivityNode => ({
      id: activity.id,
      type: 'activity',
      position,
      selected,
      ariaLabel: `${descriptors.get(activity.type)?.displayName ?? activity.type} ${activity.name || activity.id}`,
      data: { activity, descriptor: descriptors.get(activity.type), outcomes: [], problems: [] },
    }),
    [descriptors],
  );

  const show = useCallback(
    (definition: WorkflowDefinition) => {
      setWorkflow(definition);
      setInitialFit((fit) => fit ?? (definition.root.activities ?? []).length > 0);
      setNodes(
        (definition.root.activities ?? []).map((a, i) => nodeOf(a, a.metadata?.designer ? { x: a.metadata.designer.x, y: a.metadata.designer.y } : { x: 40 + (i % 5) * 250, y: 40 + Math.floor(i / 5) * 150 })),
      );
      setEdges((definition.root.connections ?? []).map(toEdge));
      setProblems(undefined);
      setDirty(false);
      undoStack.current = [];
      redoStack.current = [];
      lastKey.current = null;
      setHistorySize({ undo: 0, redo: 0 });
    },
    [nodeOf, setNodes, setEdges],
  );

  const loadVersions = useCallback(() => definitionsApi.versions(id).then(setVersions, setError), [id]);

  useEffect(() => {
    let cancelled = false;
    Promise.all([definitionsApi.activities(), definitionsApi.get(id)]).then(([a, d]) => {
      if (cancelled) return;
      setActivities(a);
      setWorkflow(d);
    }, setError);
    void loadVersions();
    return () => {
      cancelled = true;
    };
  }, [id, loadVersions]);

  // The first show waits for the descriptors, so every node knows its ports.
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (workflow && activities.length && shown.current !== workflow.id) {
      shown.current = workflow.id;
      show(workflow);
    }
  }, [workflow, activities, show]);

  // Ports and problems follow the activities, connections and the last validation.
  const edgeKey = edges.map((e) => e.id).join('|');
  useEffect(() => {
    setNodes((current) =>
      current.map((n) => {
        const connections = edges.map((e) => ({ source: { activity: e.source, port: e.sourceHandle }, target: { activity: e.target } }));
        const outcomes = outcomesOf(n.data.activity, n.data.descriptor, connections);
        const mine = (problems ?? []).filter((p) => p.activityId === n.id);
        if (outcomes.join('|') === n.data.outcomes.join('|') && mine.length === n.data.problems.length && mine.every((p, i) => p === n.data.problems[i])) return n;
        return { ...n, className: mine.some((p) => p.severity.toLowerCase() === 'error') ? 'has-error' : undefined, data: { ...n.data, outcomes, problems: mine } };
      }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [problems, edgeKey, nodes.map((n) => JSON.stringify(n.data.activity.inputs ?? {})).join('|'), nodes.length, setNodes]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    // In-app links (the back link, the main menu) never unload the page: ask before the router sees the click.
    const guard = (e: MouseEvent) => {
      const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
      if (!link || link.hasAttribute('download') || e.defaultPrevented || e.button !== 0) return;
      if (!window.confirm(t.confirmDiscard)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', warn);
    document.addEventListener('click', guard, true);
    return () => {
      window.removeEventListener('beforeunload', warn);
      document.removeEventListener('click', guard, true);
    };
  }, [dirty, t]);

  const onNodesChange = useCallback(
    (changes: NodeChange<ActivityNode>[]) => {
      if (changes.some((c) => c.type === 'remove')) remember();
      else if (changes.some((c) => c.type === 'position')) remember(`move:${changes.map((c) => ('id' in c ? c.id : '')).join(',')}`);
      if (changes.some((c) => c.type === 'position' || c.type === 'remove' || c.type === 'add')) setDirty(true);
      onNodesChangeBase(changes);
    },
    [onNodesChangeBase, remember],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      if (changes.some((c) => c.type === 'remove' || c.type === 'add')) {
        remember();
        setDirty(true);
      }
      onEdgesChangeBase(changes);
    },
    [onEdgesChangeBase, remember],
  );

  const connect = useCallback(
    (source: string, port: string, target: string) => {
      const connection = { source: { activity: source, port }, target: { activity: target } };
      remember();
      setEdges((current) => (current.some((e) => e.id === edgeId(connection)) ? current : [...current, toEdge(connection)]));
      setDirty(true);
    },
    [setEdges, remember],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.sourceHandle) return;
      remember();
      setEdges((current) => addEdge({ ...toEdge({ source: { activity: c.source, port: c.sourceHandle }, target: { activity: c.target } }) }, current));
      setDirty(true);
    },
    [setEdges, remember],
  );

  const add = useCallback(
    (type: string, position?: { x: number; y: number }) => {
      remember();
      setNodes((current) => {
        const activity: WorkflowActivity = { id: newActivityId(type, current), type, inputs: {} };
        const node = nodeOf(activity, position ?? freeSpot(current), true);
        return [...current.map((n) => (n.selected ? { ...n, selected: false } : n)), node];
      });
      setDirty(true);
      setStatus('');
    },
    [nodeOf, setNodes, remember],
  );

  const restore = useCallback(
    (from: { current: Snapshot[] }, to: { current: Snapshot[] }) => {
      const snapshot = from.current.at(-1);
      if (!snapshot || !latest.current) return;
      from.current = from.current.slice(0, -1);
      to.current = [...to.current, latest.current];
      lastKey.current = null;
      setWorkflow(snapshot.workflow);
      setNodes(snapshot.nodes);
      setEdges(snapshot.edges);
      setDirty(true);
      setHistorySize({ undo: undoStack.current.length, redo: redoStack.current.length });
    },
    [setNodes, setEdges],
  );
  const undo = useCallback(() => restore(undoStack, redoStack), [restore]);
  const redo = useCallback(() => restore(redoStack, undoStack), [restore]);

  const copy = useCallback(() => {
    const chosen = (latest.current?.nodes ?? []).filter((n) => n.selected);
    if (chosen.length) clipboard.current = { nodes: chosen, edges: latest.current?.edges ?? [] };
    setStatus(chosen.length ? format(t.copied, { count: chosen.length }) : '');
  }, [t]);

  const paste = useCallback(() => {
    if (!clipboard.current || !latest.current) return;
    remember();
    const pasted = duplicate(clipboard.current.nodes, clipboard.current.edges, latest.current.nodes);
    setNodes((all) => [...all.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted.nodes]);
    setEdges((all) => [...all, ...pasted.edges]);
    // A second paste lands beside the first copy.
    clipboard.current = { nodes: pasted.nodes, edges: pasted.edges };
    setDirty(true);
  }, [remember, setNodes, setEdges]);

  const layout = useCallback(() => {
    if (!latest.current) return;
    remember();
    setNodes(autoLayout(latest.current.nodes, latest.current.edges));
    setDirty(true);
    window.requestAnimationFrame(() => void flow.fitView({ maxZoom: 1 }));
  }, [remember, setNodes, flow]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || inControl(e.target)) return;
      const key = e.key.toLowerCase();
      const action = key === 'z' ? (e.shiftKey ? redo : undo) : key === 'y' ? redo : key === 'c' ? copy : key === 'v' ? paste : null;
      if (action) {
        e.preventDefault();
        action();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [undo, redo, copy, paste]);

  function onDragOver(event: DragEvent) {
    if (event.dataTransfer.types.includes(dragType)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
    }
  }

  function onDrop(event: DragEvent) {
    const type = event.dataTransfer.getData(dragType);
    if (!type) return;
    event.preventDefault();
    add(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  }

  const path = useMemo(() => (testRun.run ? runPath(testRun.run.instance, testRun.run.journal, edges) : undefined), [testRun.run, edges]);
  const shownNodes = useMemo(
    () =>
      path
        ? nodes.map((n) => {
            const run = path.marks.get(n.id);
            const incident = path.incidents.get(n.id);
            if (!run && !incident) return n;
            return { ...n, ariaLabel: `${n.ariaLabel ?? n.id}${run ? ` – ${t[`mark_${run}`]}` : ''}`, data: { ...n.data, run, incident } };
          })
        : nodes,
    [nodes, path, t],
  );
  const shownEdges = useMemo(
    () => (path ? edges.map((e) => (path.takenEdges.has(e.id) ? { ...e, className: 'wf-edge-taken', zIndex: 1 } : e)) : edges),
    [edges, path],
  );
  const nameOf = useCallback((activityId: string) => {
    const activity = latest.current?.nodes.find((n) => n.id === activityId)?.data.activity;
    return activity?.name || activityId;
  }, []);

  const selected = nodes.filter((n) => n.selected);
  const current = selected.length === 1 ? selected[0] : undefined;

  function updateActivity(activity: WorkflowActivity) {
    remember(`activity:${activity.id}`);
    setNodes((all) => all.map((n) => (n.id === activity.id ? { ...n, ariaLabel: `${n.data.descriptor?.displayName ?? activity.type} ${activity.name || activity.id}`, data: { ...n.data, activity } } : n)));
    setDirty(true);
  }

  function deleteSelected() {
    remember();
    const ids = new Set(selected.map((n) => n.id));
    setNodes((all) => all.filter((n) => !ids.has(n.id)));
    setEdges((all) => all.filter((e) => !ids.has(e.source) && !ids.has(e.target)));
    setDirty(true);
  }

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(undefined);
    try {
      return await action();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  async function saveDraft() {
    if (!workflow) return;
    const saved = await definitionsApi.saveDraft(toDefinition(workflow, nodes, edges));
    setWorkflow((w) => (w ? { ...w, version: saved.version } : w));
    setDirty(false);
    await loadVersions();
  }

  const save = () => run(async () => {
    await saveDraft();
    setStatus(t.saved);
  });

  const validate = () => run(async () => {
    await saveDraft();
    const result = await definitionsApi.validate(id);
    setProblems(result.problems);
    setStatus(result.valid ? t.valid : format(t.invalid, { count: result.problems.filter((p) => p.severity.toLowerCase() === 'error').length }));
  });

  const publish = () => run(async () => {
    await saveDraft();
    try {
      const published = await definitionsApi.publish(id);
      setProblems([]);
      setWorkflow((w) => (w ? { ...w, version: published.version } : w));
      setStatus(format(t.published, { version: published.version ?? 0 }));
      await loadVersions();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        const result = await definitionsApi.validate(id);
        setProblems(result.problems);
        setStatus(format(t.invalid, { count: result.problems.filter((p) => p.severity.toLowerCase() === 'error').length }));
      }
      throw e;
    }
  });

  const revert = (version: number) => run(async () => {
    if (dirty && !window.confirm(t.confirmDiscard)) return;
    const draft = await definitionsApi.revert(id, version);
    shown.current = draft.id;
    show(draft);
    setStatus(format(t.reverted, { version }));
    await loadVersions();
  });

  /** Saves the drawing as the draft and starts its test run; validation errors close the dialog and mark the canvas. */
  async function startTestRun(input: Record<string, unknown>) {
    setBusy(true);
    setTestError(undefined);
    setError(undefined);
    try {
      await saveDraft();
      await testRun.start(id, input);
      setProblems([]);
      setTestDialog(false);
      setStatus(t.testRunStarted);
    } catch (e) {
      const listed = e instanceof ApiError && e.status === 400 && Array.isArray(e.problem.problems) ? (e.problem.problems as Problem[]) : undefined;
      if (listed) {
        setProblems(listed);
        setStatus(format(t.invalid, { count: listed.filter((p) => p.severity.toLowerCase() === 'error').length }));
        setTestDialog(false);
        setError(e);
      } else {
        setTestError(e);
      }
    } finally {
      setBusy(false);
    }
  }

  const title = workflow ? `${t.editorTitle}: ${workflow.name || workflow.id}` : t.editorTitle;
  const workflowProblems = (problems ?? []).filter((p) => !p.activityId);
  const latestPublished = Math.max(0, ...versions.map((v) => v.version));

  return (
    <Page title={title}>
      <p className="wf-breadcrumb">
        <Link to="/designer">{t.backToList}</Link>
        {workflow && (
          <>
            {' · '}
            <span data-testid="wf-state">
              {dirty ? t.unsaved : versions.some((v) => v.version === 0) ? t.stateDraft : t.statePublished}
              {latestPublished > 0 && ` · ${t.latestVersion} ${latestPublished}`}
            </span>
          </>
        )}
      </p>
      <div className="wf-toolbar" role="toolbar" aria-label={t.toolbar}>
        <button type="button" onClick={save} disabled={busy || !workflow}>
          {t.saveDraft}
        </button>
        <button type="button" onClick={validate} disabled={busy || !workflow}>
          {t.validate}
        </button>
        <button type="button" onClick={publish} disabled={busy || !workflow}>
          {t.publish}
        </button>
        <button
          type="button"
          onClick={() => {
            setTestError(undefined);
            setTestDialog(true);
          }}
          disabled={busy || !workflow}
          aria-haspopup="dialog"
        >
          {t.testRun}
        </button>
        <button type="button" onClick={deleteSelected} disabled={selected.length === 0}>
          {t.deleteSelected}
        </button>
        <button type="button" onClick={undo} disabled={historySize.undo === 0} aria-keyshortcuts="Control+Z">
          {t.undo}
        </button>
        <button type="button" onClick={redo} disabled={historySize.redo === 0} aria-keyshortcuts="Control+Y">
          {t.redo}
        </button>
        <button type="button" onClick={copy} disabled={selected.length === 0} aria-keyshortcuts="Control+C">
          {t.copy}
        </button>
        <button type="button" onClick={paste} aria-keyshortcuts="Control+V">
          {t.paste}
        </button>
        <button type="button" onClick={layout} disabled={nodes.length === 0}>
          {t.autoLayout}
        </button>
        <p role="status" className="wf-status">
          {status}
        </p>
      </div>
      <ErrorMessage error={error} />
      {workflowProblems.length > 0 && (
        <ul className="wf-problems" aria-label={t.problems}>
          {workflowProblems.map((p) => (
            <li key={p.path + p.message}>
              <code>{p.path}</code>: {p.message}
            </li>
          ))}
        </ul>
      )}
      <div className="wf-editor">
        <Palette activities={activities} onAdd={(type) => add(type)} />
        <div className="wf-canvas" ref={canvas} onDragOver={onDragOver} onDrop={onDrop} role="region" aria-label={t.canvas}>
          {initialFit !== undefined && (
          <ReactFlow
            nodes={shownNodes}
            edges={shownEdges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onNodeDragStart={() => {
              lastKey.current = null;
            }}
            deleteKeyCode={['Delete', 'Backspace']}
            multiSelectionKeyCode={['Shift', 'Control', 'Meta']}
            fitView={initialFit}
            fitViewOptions={{ maxZoom: 1 }}
            minZoom={0.1}
            proOptions={{ hideAttribution: true }}
            ariaLabelConfig={{ 'node.a11yDescription.default': t.nodeHelp }}
          >
            <Background />
            <Controls aria-label={t.zoomControls} />
            <MiniMap ariaLabel={t.minimap} pannable zoomable />
          </ReactFlow>
          )}
        </div>
        <div className="wf-side">
          {testRun.run && path && <TestRunPanel key={testRun.run.instanceId} run={testRun.run} path={path} nameOf={nameOf} selectedActivity={current?.id} onClose={testRun.clear} />}
          {current ? (
            <PropertyPanel
              node={current}
              nodes={nodes}
              edges={edges}
              variables={[...(workflow?.variables ?? [])]}
              onChange={updateActivity}
              onConnect={(port, target) => connect(current.id, port, target)}
              onDisconnect={(edge) => {
                remember();
                setEdges((all) => all.filter((e) => e.id !== edge));
                setDirty(true);
              }}
              onDelete={deleteSelected}
            />
          ) : (
            <p className="hint">{selected.length > 1 ? format(t.manySelected, { count: selected.length }) : t.selectHint}</p>
          )}
          {workflow && (
            <SettingsPanel
              workflow={workflow}
              onChange={(w) => {
                remember('settings');
                setWorkflow(w);
                setDirty(true);
              }}
            />
          )}
          <VersionsPanel id={id} versions={versions} onRevert={revert} current={() => (latest.current ? toDefinition(latest.current.workflow, latest.current.nodes, latest.current.edges) : undefined)} />
        </div>
      </div>
      {testDialog && workflow && <TestRunDialog workflow={workflow} busy={busy} error={testError} onStart={startTestRun} onClose={() => setTestDialog(false)} />}
    </Page>
  );
}
