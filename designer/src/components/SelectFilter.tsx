/**
 * A labelled drop-down filter whose first choice ("All") is the empty value; `options` are the values, shown
 * through `text` (a translated name) when given.
 */
export function SelectFilter({
  id,
  label,
  anyText,
  value,
  options,
  text = (option) => option,
  onChange,
}: {
  id: string;
  label: string;
  anyText: string;
  value: string;
  options: readonly string[];
  text?: (option: string) => string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{anyText}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {text(o)}
          </option>
        ))}
      </select>
    </div>
  );
}
