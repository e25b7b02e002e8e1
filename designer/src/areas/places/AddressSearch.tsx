import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { format } from '../../i18n/language';
import { ErrorMessage } from '../../shell/ErrorMessage';
import { searchAddresses, type AddressHit } from './placesApi';
import type { PlacesTexts } from './texts';

// Long enough that typing a word sends one request, short enough that suggestions feel immediate.
const debounceMs = 200;

/**
 * Address autocomplete following the WAI-ARIA 1.2 combobox pattern: the input owns a listbox of suggestions, the
 * arrow keys move the active option (aria-activedescendant, focus stays in the input), Enter picks it, Escape closes
 * the list, and a status line announces how many suggestions there are.
 */
export function AddressSearch({ t, onSelect }: { t: PlacesTexts; onSelect: (hit: AddressHit) => void }) {
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<AddressHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [announcement, setAnnouncement] = useState('');
  // A picked suggestion fills the box; that change must not search again.
  const skipSearch = useRef(false);

  useEffect(() => {
    if (skipSearch.current) {
      skipSearch.current = false;
      return;
    }
    const text = query.trim();
    if (!text) {
      setHits([]);
      setOpen(false);
      setBusy(false);
      setAnnouncement('');
      return;
    }
    const controller = new AbortController();
    setBusy(true);
    const timer = window.setTimeout(() => {
      searchAddresses(text, controller.signal).then(
        (found) => {
          setHits(found);
          setActive(-1);
          setOpen(found.length > 0);
          setError(undefined);
          setBusy(false);
          setAnnouncement(
            found.length === 0
              ? format(t.noSuggestions, { query: text })
              : found.length === 1
                ? t.suggestionOne
                : format(t.suggestionCount, { count: found.length }),
          );
        },
        (failure: unknown) => {
          if (failure instanceof DOMException && failure.name === 'AbortError') return;
          setHits([]);
          setOpen(false);
          setBusy(false);
          setError(failure);
          setAnnouncement('');
        },
      );
    }, debounceMs);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query, t]);

  function pick(hit: AddressHit) {
    skipSearch.current = true;
    setQuery(hit.text);
    setOpen(false);
    setActive(-1);
    setAnnouncement('');
    onSelect(hit);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (hits.length === 0) return;
        setOpen(true);
        setActive((i) => (i + 1) % hits.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (hits.length === 0) return;
        setOpen(true);
        setActive((i) => (i <= 0 ? hits.length - 1 : i - 1));
        break;
      case 'Enter':
        if (open && active >= 0 && hits[active]) {
          event.preventDefault();
          pick(hits[active]);
        } else if (open && hits.length > 0) {
          // Enter without moving picks the best hit, as a sighted user expects from the list's first line.
          event.preventDefault();
          pick(hits[0]);
        }
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          event.preventDefault();
          setQuery('');
        }
        break;
      default:
        break;
    }
  }

  const expanded = open && hits.length > 0;
  return (
    <div className="places-search field">
      <label htmlFor={id}>{t.searchLabel}</label>
      <p id={hintId} className="hint">
        {t.searchHint}
      </p>
      <div className="places-combobox">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-describedby={hintId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          value={query}
          onChange={(e) => {
            skipSearch.current = false;
            setQuery(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => hits.length > 0 && query.trim() && setOpen(true)}
        />
        <ul id={listId} role="listbox" aria-label={t.suggestionsLabel} className="places-suggestions" hidden={!expanded}>
          {hits.map((hit, index) => (
            <li
              key={hit.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              // mousedown, not click: the input's blur would close the list before a click arrives.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(hit);
              }}
            >
              {hit.text}
            </li>
          ))}
        </ul>
      </div>
      <p role="status" className="hint places-search-status">
        {busy ? t.searching : announcement}
      </p>
      <ErrorMessage error={error} />
    </div>
  );
}
