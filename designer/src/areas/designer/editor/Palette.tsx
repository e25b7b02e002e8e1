import { useMemo, useState, type DragEvent } from 'react';
import { useTexts } from '../../../i18n/language';
import { texts } from '../texts';
import type { ActivityDescriptor } from '../model';

export const dragType = 'application/x-automation-activity';

/**
 * Every activity type, grouped by category, with a search. Each entry is a button: drag it onto the canvas, or press
 * Enter (or click) to place it at a free spot.
 */
export function Palette({ activities, onAdd }: { activities: ActivityDescriptor[]; onAdd: (type: string) => void }) {
  const t = useTexts(texts);
  const [search, setSearch] = useState('');
  const groups = useMemo(() => {
    const q = search.trim().toLowerCase();
    const shown = activities.filter(
      (a) => !q || a.displayName.toLowerCase().includes(q) || a.type.toLowerCase().includes(q) || a.category.toLowerCase().includes(q),
    );
    const byCategory = new Map<string, ActivityDescriptor[]>();
    for (const a of shown) byCategory.set(a.category, [...(byCategory.get(a.category) ?? []), a]);
    return [...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [activities, search]);

  function startDrag(event: DragEvent, type: string) {
    event.dataTransfer.setData(dragType, type);
    event.dataTransfer.effectAllowed = 'move';
  }

  return (
    <nav className="wf-palette" aria-label={t.palette}>
      <h2>{t.palette}</h2>
      <label>
        {t.searchActivities}
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      <p className="hint">{t.paletteHint}</p>
      {groups.length === 0 && <p role="status">{t.noActivitiesFound}</p>}
      {groups.map(([category, items]) => (
        <section key={category} aria-label={category}>
          <h3>{category}</h3>
          <ul>
            {items.map((a) => (
              <li key={a.type}>
                <button
                  type="button"
                  draggable
                  className="wf-palette-item"
                  data-type={a.type}
                  title={a.description ?? undefined}
                  onDragStart={(e) => startDrag(e, a.type)}
                  onClick={() => onAdd(a.type)}
                >
                  {a.displayName}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
