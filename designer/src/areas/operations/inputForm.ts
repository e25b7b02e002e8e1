import { format } from '../../i18n/language';
import type { OperationsTexts } from './texts';
import type { WorkflowInput } from './types';

/** How an input is edited: its declared type, lower case (string, number, integer, boolean, object, array, datetime, any). */
export function kindOf(input: WorkflowInput): string {
  return (input.type ?? 'any').toLowerCase();
}

/** The form's starting text for an input: its default, as the editor shows it. */
export function initialValue(input: WorkflowInput): string | boolean {
  const kind = kindOf(input);
  if (kind === 'boolean') return input.default === true;
  if (input.default === undefined || input.default === null) return '';
  if (kind === 'object' || kind === 'array') return JSON.stringify(input.default, null, 2);
  return String(input.default);
}

/**
 * Turns the form's texts into the input object the server expects, with a message per field that is wrong
 * (required and empty, not a number, not JSON of the right kind). Empty optional fields are left out.
 */
export function buildInput(
  inputs: WorkflowInput[],
  values: Record<string, string | boolean>,
  t: OperationsTexts,
): { input: Record<string, unknown>; errors: Record<string, string> } {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const declared of inputs) {
    const name = declared.name;
    const kind = kindOf(declared);
    const raw = values[name];
    if (kind === 'boolean') {
      input[name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      if (declared.required) errors[name] = format(t.missingRequired, { name });
      continue;
    }
    switch (kind) {
      case 'number': {
        const value = Number(text.replace(',', '.'));
        if (!Number.isFinite(value)) errors[name] = format(t.invalidNumber, { name });
        else input[name] = value;
        break;
      }
      case 'integer': {
        if (!/^-?\d+$/.test(text)) errors[name] = format(t.invalidInteger, { name });
        else input[name] = Number(text);
        break;
      }
      case 'object':
      case 'array': {
        try {
          const value: unknown = JSON.parse(text);
          const isArray = Array.isArray(value);
          const isObject = value !== null && typeof value === 'object' && !isArray;
          if (kind === 'array' ? !isArray : !isObject) {
            errors[name] = format(t.wrongJsonKind, { name, kind: kind === 'array' ? t.jsonArray : t.jsonObject });
          } else {
            input[name] = value;
          }
        } catch (e) {
          errors[name] = format(t.invalidJson, { name, detail: e instanceof Error ? e.message : String(e) });
        }
        break;
      }
      default:
        input[name] = text;
    }
  }
  return { input, errors };
}
