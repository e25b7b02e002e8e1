/**
 * The one way the app talks to the server: same-origin fetch with the sign-in cookie, JSON in and out, and every
 * error turned into an ApiError carrying the server's ProblemDetails (title, detail, field errors).
 */

/** RFC 9457 problem details as the server writes them. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  /** Field errors (name → messages), or the workflow validator's problems (an array of path + message). */
  errors?: Record<string, string[]> | ValidationProblem[];
  [extension: string]: unknown;
}

/** One problem the workflow validator found, as a rejected save or publish lists it. */
export interface ValidationProblem {
  path?: string;
  message: string;
  activityId?: string;
  input?: string;
  severity?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** Field errors flattened to lines ("name: message"), for validation answers. */
  get fieldErrors(): string[] {
    const errors = this.problem.errors;
    if (Array.isArray(errors)) {
      return errors.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
    }
    return Object.entries(errors ?? {}).flatMap(([field, messages]) =>
      (Array.isArray(messages) ? messages : [String(messages)]).map((m) => (field ? `${field}: ${m}` : m)),
    );
  }
}

/** Raised when the server cannot be reached at all (stopped, network down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The server could not be reached.');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when any request answers 401 (the session ended): the session provider signs the user out. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Do not announce a 401 as an ended session (the sign-in call itself). */
  quietUnauthorized?: boolean;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && !options.quietUnauthorized) unauthorizedListeners.forEach((l) => l());
    throw new ApiError(response.status, problem);
  }

  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  try {
    const type = response.headers.get('Content-Type') ?? '';
    if (type.includes('json')) return (await response.json()) as ProblemDetails;
    const text = await response.text();
    return { status: response.status, title: response.statusText, detail: text || undefined };
  } catch {
    return { status: response.status, title: response.statusText };
  }
}

export const get = <T>(path: string, signal?: AbortSignal) => api<T>(path, { signal });
export const post = <T>(path: string, body?: unknown) => api<T>(path, { method: 'POST', body });
export const put = <T>(path: string, body?: unknown) => api<T>(path, { method: 'PUT', body });
export const del = <T>(path: string) => api<T>(path, { method: 'DELETE' });
