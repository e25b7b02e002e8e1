import { format, useTexts } from '../i18n/language';
import { texts } from './texts';
import './components.css';

/** Previous / next buttons in a `nav` named "Pages"; a page passes its own button texts when they differ. */
export function Pager({
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  previousLabel,
  nextLabel,
}: {
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  previousLabel?: string;
  nextLabel?: string;
}) {
  const t = useTexts(texts);
  return (
    <nav className="pager" aria-label={t.paging}>
      <button type="button" disabled={!hasPrevious} onClick={onPrevious}>
        {previousLabel ?? t.previous}
      </button>
      <button type="button" disabled={!hasNext} onClick={onNext}>
        {nextLabel ?? t.next}
      </button>
    </nav>
  );
}

/** Pager for skip/take paging: `shown` rows from `skip` of `total`; `onGo` gets the next skip. */
export function OffsetPager({
  skip,
  pageSize,
  shown,
  total,
  onGo,
}: {
  skip: number;
  pageSize: number;
  shown: number;
  total: number;
  onGo: (skip: number) => void;
}) {
  return (
    <Pager
      hasPrevious={skip > 0}
      hasNext={skip + shown < total}
      onPrevious={() => onGo(Math.max(0, skip - pageSize))}
      onNext={() => onGo(skip + pageSize)}
    />
  );
}

/** A table caption "1–25 of 120" for a page of `count` rows starting after `skip`. */
export function RangeCaption({ skip, count, total }: { skip: number; count: number; total: number }) {
  const t = useTexts(texts);
  return <caption className="hint">{format(t.pageInfo, { from: skip + 1, to: skip + count, total })}</caption>;
}
