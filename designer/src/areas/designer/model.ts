import { get, post, put } from '../../api/client';

/** An input of an activity type, as GET /api/activities describes it. */
export interface InputDescriptor {
  name: string;
  displayName: string;
  type: string;
  description?: string | null;
  required: boolean;
  allowExpression: boolean;
  editor: string;
  options?: string[] | null;
  default?: unknown;
}

/** An activity type: the palette entry and the source of its property form. */
export interface ActivityDescriptor {
  type: string;
  category: string;
  displayName: string;
  description?: string | null;
  inputs: InputDescriptor[];
  outcomes: string[];
  hasDynamicOutcomes: boolean;
  isBlocking: boolean;
  isStart: boolean;
  isJoin: boolean;
}

export interface DesignerPosition {
  x: number;
  y: number;
}

/** One activity of the workflow JSON; unknown properties (resilience, ...) are kept as they came. */
export interface WorkflowActivity {
  id: string;
  type: string;
  name?: string | null;
  inputs?: Record<string, unknown>;
  metadata?: ({ designer?: DesignerPosition } & Record<string, unknown>) | null;
  [other: string]: unknown;
}

export interface WorkflowConnection {
  source: { activity: string; port?: string | null };
  target: { activity: string; port?: string | null };
}

export interface WorkflowVariable {
  name: string;
  type?: string;
  personal?: boolean;
  required?: boolean;
  default?: unknown;
  [other: string]: unknown;
}

export interface WorkflowDefinition {
  id: string;
  name?: string;
  description?: string | null;
  version?: number;
  inputs?: WorkflowVariable[];
  outputs?: WorkflowVariable[];
  variables?: WorkflowVariable[];
  root: { activities?: WorkflowActivity[]; connections?: WorkflowConnection[] };
  [other: string]: unknown;
}

/** A row of GET /api/definitions and /versions. */
export interface DefinitionVersionInfo {
  id: string;
  version: number;
  state: string;
  name: string;
  savedAt: string;
  contentHash: string;
}

export interface Problem {
  path: string;
  message: string;
  severity: string;
  activityId?: string | null;
  input?: string | null;
}

export interface ValidationResult {
  valid: boolean;
  problems: Problem[];
}

export interface ImportResult {
  id: string;
  format: string;
  problems: Problem[];
}

export const dataTypes = ['any', 'string', 'number', 'integer', 'boolean', 'object', 'array', 'dateTime'] as const;

const enc = encodeURIComponent;

export const definitionsApi = {
  list: () => get<DefinitionVersionInfo[]>('/api/definitions'),
  activities: () => get<ActivityDescriptor[]>('/api/activities'),
  get: (id: string) => get<WorkflowDefinition>(`/api/definitions/${enc(id)}`),
  getVersion: (id: string, version: number) => get<WorkflowDefinition>(`/api/definitions/${enc(id)}?version=${version}`),
  versions: (id: string) => get<DefinitionVersionInfo[]>(`/api/definitions/${enc(id)}/versions`),
  create: (definition: WorkflowDefinition) => post<WorkflowDefinition>('/api/definitions', definition),
  import: (file: unknown) => post<ImportResult>('/api/definitions/import', file),
  saveDraft: (definition: WorkflowDefinition) => put<WorkflowDefinition>(`/api/definitions/${enc(definition.id)}/draft`, definition),
  validate: (id: string) => post<ValidationResult>(`/api/definitions/${enc(id)}/validate`),
  publish: (id: string) => post<WorkflowDefinition>(`/api/definitions/${enc(id)}/publish`),
  revert: (id: string, version: number) => post<WorkflowDefinition>(`/api/definitions/${enc(id)}/revert/${version}`),
  exportUrl: (id: string) => `/api/definitions/${enc(id)}/export`,
};

/** Checks JavaScript syntax without running it: `new Function` only parses the body. */
export function javaScriptSyntaxError(code: string): string | null {
  if (!code.trim()) return null;
  try {
    new Function(code);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The ports an activity offers: its type's outcomes, plus (for dynamic ones) branch names from its inputs and ports already in use. */
export function outcomesOf(activity: WorkflowActivity, descriptor: ActivityDescriptor | undefined, connections: WorkflowConnection[]): string[] {
  const ports = [...(descriptor?.outcomes ?? ['Done'])];
  if (descriptor?.hasDynamicOutcomes) {
    for (const value of Object.values(activity.inputs ?? {})) {
      // Fork's branches are names; Switch's cases are {name, condition}.
      if (Array.isArray(value))
        for (const item of value) {
          if (typeof item === 'string' && item) ports.push(item);
          else if (item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') ports.push((item as { name: string }).name);
        }
    }
  }
  for (const c of connections) if (c.source.activity === activity.id && c.source.port) ports.push(c.source.port);
  return [...new Set(ports)];
}
