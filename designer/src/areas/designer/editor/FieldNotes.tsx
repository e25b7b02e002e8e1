/**
 * The lines under a property field: the input's description and the problems found with its value. Their ids are
 * what the field's aria-describedby points at ({id}-help, {id}-error), so every editor renders them the same way.
 */
export function FieldNotes({ id, description, messages }: { id: string; description?: string | null; messages: string[] }) {
  return (
    <>
      {description && (
        <p id={`${id}-help`} className="hint">
          {description}
        </p>
      )}
      {messages.length > 0 && (
        <p id={`${id}-error`} className="field-error">
          {messages.join(' ')}
        </p>
      )}
    </>
  );
}
