/** Shapes of the audit API (engine/Automation.Server/Audit/AuditApi.cs) and helpers shared by the audit pages. */

/** One run-log record; the payload is stored masked, so it is shown as it is. */
export interface AuditEvent {
  sequence: number;
  timestamp: string;
  actorKind: string;
  actor: string;
  type: string;
  outcome?: string | null;
  instanceId?: string | null;
  queueItemId?: string | null;
  businessKey?: string | null;
  workflowId?: string | null;
  workflowVersion?: number | null;
  target?: string | null;
  payload?: unknown;
  hash: string;
}

/** A page of search results; `next` is the `after` value of the next page, null on the last. */
export interface AuditPage {
  items: AuditEvent[];
  next?: number | null;
}

/** A piece of evidence a run refers to, as the server found it (AuditApi.cs EvidenceView). */
export interface EvidenceInfo {
  reference: string;
  sha256: string;
  /** stored (with the media type it was saved with), expired, missing or damaged. */
  state: 'stored' | 'expired' | 'missing' | 'damaged';
  mediaType?: string | null;
  expiredSequence?: number | null;
  expiredAt?: string | null;
}

export interface RunTimeline {
  instanceId: string;
  events: AuditEvent[];
  evidence?: EvidenceInfo[];
}

/** The address the server serves a piece of evidence at (decrypted; each read is itself logged). */
export function evidenceUrl(sha256: string): string {
  return `/api/evidence/${sha256}`;
}

/** The first 12 hex digits, enough to tell evidence apart on screen; the full hash is in the title. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

/** The event types the platform records (RunLogEventTypes.cs). */
export const eventTypes = [
  'auth.sign-in',
  'auth.sign-in-failed',
  'definition.published',
  'instance.started',
  'instance.suspended',
  'instance.resumed',
  'instance.finished',
  'instance.faulted',
  'instance.cancelled',
  'instance.retried',
  'activity.executed',
  'runlog.read',
  'runlog.verified',
] as const;

/** The filter names used both in the page's address and in the API's query string. */
export const filterKeys = ['workflow', 'target', 'user', 'businessKey', 'instance', 'from', 'to', 'outcome', 'type'] as const;
export type FilterKey = (typeof filterKeys)[number];

/** The API query string for the filters in `params` (the page's address), plus `after` when paging. */
export function filterQuery(params: URLSearchParams, after?: string | null): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  if (after) query.set('after', after);
  return query;
}

export function when(iso: string, language: string): string {
  return new Date(iso).toLocaleString(language === 'da' ? 'da-DK' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' });
}

/** ISO time (from the address) as the value of a datetime-local input, in local time. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an ISO time with offset (what the API parses), or '' when empty. */
export function fromLocalInput(local: string): string {
  if (!local) return '';
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

const evidencePattern = /evidence:sha256:[0-9a-f]{64}/g;

/** Every evidence reference (evidence:sha256:{hex}) anywhere in a payload, each once. */
export function evidenceReferences(payload: unknown): string[] {
  if (payload === undefined || payload === null) return [];
  return [...new Set(JSON.stringify(payload).match(evidencePattern) ?? [])];
}

/** The run log's state from /health/ready: verified at server start up to a sequence and head hash. */
export interface ChainState {
  status: string;
  description: string;
  sequence?: string;
  head?: string;
  /** When broken: the first broken sequence number and what is wrong (changed, deleted, reordered, truncated). */
  brokenAt?: string;
  brokenKind?: string;
}

export async function readChainState(signal?: AbortSignal): Promise<ChainState> {
  // /health/ready answers 503 when something is unhealthy, with the same JSON body, so the status code is not an error here.
  const response = await fetch('/health/ready', { headers: { Accept: 'application/json' }, signal, credentials: 'same-origin' });
  const body = (await response.json()) as { checks?: Record<string, { status: string; description?: string }> };
  const check = body.checks?.runlog;
  const description = check?.description ?? '';
  const match = /sequence (\d+), head ([0-9a-fA-F]+)/.exec(description);
  const broken = /BROKEN at sequence (\d+) \(([a-z]+)\)/.exec(description);
  return { status: check?.status ?? 'Unknown', description, sequence: match?.[1], head: match?.[2], brokenAt: broken?.[1], brokenKind: broken?.[2] };
}
