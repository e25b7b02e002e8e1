/** A column: its heading, or `{ label, numeric: true }` for a right-aligned number column. */
export type Column = string | { label: string; numeric: true };

/** A table's header row: one `th scope="col"` per column, number columns with class "num". */
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) =>
          typeof c === 'string' ? (
            <th key={i} scope="col">
              {c}
            </th>
          ) : (
            <th key={i} scope="col" className="num">
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
