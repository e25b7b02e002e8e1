/** Shapes of the task inbox's answers (engine/Automation.Server/Tasks, the HumanTask activity's form). */

export interface TaskField {
  name: string;
  label: string;
  /** text, number, integer, boolean, date (others are shown as text). */
  type: string;
  required: boolean;
}

export interface TaskForm {
  title: string;
  description?: string | null;
  role: string;
  fields?: TaskField[];
  outcomes?: string[];
}

export interface OpenTask {
  task: { id: string; activityId: string; kind: string; key?: string | null; dueAt?: string | null; payload?: TaskForm | null; createdAt: string };
  instanceId: string;
  definitionId?: string | null;
  correlationId?: string | null;
}

export interface AnswerResult {
  instanceId: string;
  status: string;
}

export function when(value: string | null | undefined, language: string): string {
  if (!value) return '–';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString(language === 'da' ? 'da-DK' : 'en-GB');
}

/** One piece of evidence named in a task's instance journal (GET /api/tasks/{id}/evidence); mediaType null once expired. */
export interface TaskEvidence {
  reference: string;
  sha256: string;
  mediaType?: string | null;
  activityId: string;
  activityType: string;
  at: string;
  line: string;
}
