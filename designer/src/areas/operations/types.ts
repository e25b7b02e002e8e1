/** Shapes of the server's operations answers (engine/Automation.Server: Instances, Queues, Definitions). */

export interface PageOf<T> {
  items: T[];
  total: number;
  skip: number;
  take: number;
}

export const instanceStatuses = ['Running', 'Suspended', 'Finished', 'Faulted', 'Cancelled'] as const;

export interface InstanceSummary {
  id: string;
  definitionId: string;
  definitionVersion: number;
  status: string;
  correlationId?: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string | null;
}

export interface Incident {
  activityId: string;
  activityType: string;
  message: string;
  at: string;
  resolved: boolean;
}

export interface InstanceDetails extends InstanceSummary {
  parentInstanceId?: string | null;
  input: Record<string, unknown>;
  variables: Record<string, unknown>;
  output: Record<string, unknown>;
  incidents: Incident[];
  bookmarks: { id: string; activityId: string; kind: string; key?: string | null }[];
  pendingActivities: string[];
}

export interface JournalEntry {
  sequence: number;
  activityId: string;
  activityType: string;
  startedAt: string;
  endedAt: string;
  outcome: string;
  inputs?: Record<string, unknown> | null;
  outputs?: Record<string, unknown> | null;
  log?: string[] | null;
  attempts: number;
  exception?: string | null;
}

export interface InstanceResult {
  instanceId: string;
  status: string;
  output?: Record<string, unknown> | null;
  incident?: Incident | null;
}

export const queueStates = ['New', 'InProgress', 'Done', 'BusinessFailed', 'AppFailed', 'InDoubt'] as const;

export interface QueueCounts {
  queue: string;
  counts: Record<string, number>;
  total: number;
}

export interface QueueAttempt {
  number: number;
  owner: string;
  startedAt: string;
  endedAt?: string | null;
  outcome?: string | null;
  message?: string | null;
  inDoubt: boolean;
}

export interface QueueItem {
  id: string;
  queue: string;
  businessKey: string;
  payload?: unknown;
  priority: number;
  deadline?: string | null;
  state: string;
  inDoubt: boolean;
  leaseOwner?: string | null;
  leaseExpiresAt?: string | null;
  attempts: number;
  nextAttemptAt?: string | null;
  createdAt: string;
  updatedAt: string;
  message?: string | null;
  result?: unknown;
  history: QueueAttempt[];
  resolution?: { reason: string; by: string; at: string } | null;
}

export interface DefinitionInfo {
  id: string;
  version: number;
  state: string;
  name: string;
  savedAt: string;
}

export interface WorkflowInput {
  name: string;
  type?: string;
  required?: boolean;
  default?: unknown;
  personal?: boolean;
  description?: string | null;
}

export interface WorkflowDefinition {
  id: string;
  name: string;
  description?: string | null;
  version: number;
  inputs?: WorkflowInput[];
}

/** Items in these states can be retried or resolved by an operator. */
export const settleableStates = ['AppFailed', 'BusinessFailed', 'InDoubt'];

/** A date as the reader's locale writes it. */
export function when(value: string | null | undefined, language: string): string {
  if (!value) return '–';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString(language === 'da' ? 'da-DK' : 'en-GB');
}

/** GET /api/robots: the robot sessions the server has open now (engine/Automation.Server/Robots). */
export interface RobotsView {
  at: string;
  sessions: RobotSession[];
  /** Items leased by owners without a session on this server (robot hosts elsewhere, flows without robot steps). */
  otherLeases: { owner: string; item: RobotItem }[];
}

export interface RobotSession {
  target: string;
  kind: string;
  instanceId: string;
  instanceStatus?: string | null;
  workflowId?: string | null;
  workflowVersion?: number | null;
  workflowName?: string | null;
  correlationId?: string | null;
  openedAt?: string | null;
  lastActivityAt?: string | null;
  item?: RobotItem | null;
}

/** The queue item a session's instance holds under a lease; the business key comes masked from the server. */
export interface RobotItem {
  id: string;
  queue: string;
  businessKey: string;
  attempts: number;
  inDoubt: boolean;
  takenAt: string;
  leaseRenewedAt: string;
  leaseExpiresAt?: string | null;
}
