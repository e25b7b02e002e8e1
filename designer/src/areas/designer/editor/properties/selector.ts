/**
 * The selector input as the robots read it (robots/Automation.Robots/Selectors/Selector.cs): an ordered array of
 * candidates, each an object with exactly one kind (role with optional name, label, testId, text, css, xpath; or a
 * desktop anchor rightOf/below with a role). The editor works on rows and writes that array back.
 */
export const candidateKinds = ['role', 'label', 'testId', 'text', 'css', 'xpath', 'rightOf', 'below'] as const;

export type CandidateKind = (typeof candidateKinds)[number];

export interface CandidateRow {
  /** Stable across reordering, for React keys and focus. */
  key: number;
  kind: CandidateKind;
  /** role: the accessible name; rightOf/below: the label's text; others: the value. */
  value: string;
  /** role, rightOf and below: the role to find. */
  role: string;
  /** Fields the row's kind does not use (from imported or hand-written JSON); kept, so nothing is lost silently. */
  rest: Record<string, unknown>;
}

let nextKey = 1;

export const newRow = (kind: CandidateKind = 'role'): CandidateRow => ({ key: nextKey++, kind, value: '', role: '', rest: {} });

const usesRole = (kind: CandidateKind) => kind === 'role' || kind === 'rightOf' || kind === 'below';

const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/** Reads whatever the input holds (array, one object, a JSON text or a CSS text, as Selector.Parse does) into rows. */
export function toRows(value: unknown): CandidateRow[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
      try {
        return toRows(JSON.parse(trimmed));
      } catch {
        // Not JSON after all: Selector.Parse would refuse it too; show it as CSS so it can be fixed.
      }
    }
    return [{ ...newRow('css'), value: trimmed }];
  }
  const items = Array.isArray(value) ? value : [value];
  return items.map(toRow);
}

function toRow(item: unknown): CandidateRow {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return { ...newRow('css'), value: text(item) };
  const fields = { ...(item as Record<string, unknown>) };
  const take = (name: string) => {
    const v = fields[name];
    delete fields[name];
    return text(v);
  };
  const has = (name: string) => name in fields;
  // The anchors come first: they carry a role too.
  const kind: CandidateKind = has('rightOf')
    ? 'rightOf'
    : has('below')
      ? 'below'
      : has('role') || has('name')
        ? 'role'
        : (candidateKinds.find((k) => has(k)) ?? 'role');
  const row = newRow(kind);
  if (kind === 'role') {
    row.role = take('role');
    row.value = take('name');
  } else if (kind === 'rightOf' || kind === 'below') {
    row.role = take('role');
    row.value = take(kind);
  } else {
    row.value = take(kind);
  }
  row.rest = fields;
  return row;
}

/** The candidate object for one row; empty optional parts are left out, so the server's own rules judge the rest. */
export function toCandidate(row: CandidateRow): Record<string, unknown> {
  const candidate: Record<string, unknown> = {};
  if (usesRole(row.kind) && row.role) candidate.role = row.role;
  if (row.kind === 'role') {
    if (row.value) candidate.name = row.value;
  } else {
    candidate[row.kind] = row.value;
  }
  return { ...candidate, ...row.rest };
}

/** The input's value: the candidate array, or undefined when there are no rows (so "required" shows). */
export const toValue = (rows: CandidateRow[]) => (rows.length === 0 ? undefined : rows.map(toCandidate));

export const kindUsesRole = usesRole;

/** Roles the robots know on the web (ARIA) and the desktop; offered as suggestions, any text is allowed. */
export const commonRoles = ['button', 'textbox', 'link', 'checkbox', 'combobox', 'radio', 'row', 'cell', 'heading', 'tab', 'menuitem', 'option', 'text', 'label', 'push button'];
