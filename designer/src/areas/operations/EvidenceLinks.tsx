import { format, useTexts } from '../../i18n/language';
import { texts } from './texts';

const referencePattern = /evidence:sha256:([0-9a-f]{64})/g;

/** The evidence a journal line names, and whether the line says it is a screenshot (the robot's own wording). */
export function evidenceIn(lines: string[] | null | undefined): { sha256: string; screenshot: boolean }[] {
  const found = new Map<string, boolean>();
  for (const line of lines ?? []) {
    for (const match of line.matchAll(referencePattern)) {
      // "Screenshot evidence:…", "Screenshot of 'x' at the end of item …: evidence:…", a failed step's "Evidence: evidence:…".
      const screenshot = /screenshot|evidence: evidence:/i.test(line) && !/^trace /i.test(line);
      found.set(match[1], (found.get(match[1]) ?? false) || screenshot);
    }
  }
  return [...found].map(([sha256, screenshot]) => ({ sha256, screenshot }));
}

/** Thumbnails (screenshots) and links (traces, logs) for the evidence a journal step names; each opens in a new tab. */
export function EvidenceLinks({ lines, activityId }: { lines: string[] | null | undefined; activityId: string }) {
  const t = useTexts(texts);
  const evidence = evidenceIn(lines);
  if (evidence.length === 0) return null;
  return (
    <ul className="ops-evidence">
      {evidence.map((e) => (
        <li key={e.sha256}>
          <a href={`/api/evidence/${e.sha256}`} target="_blank" rel="noreferrer">
            {e.screenshot ? (
              <img src={`/api/evidence/${e.sha256}`} alt={format(t.screenshotOf, { activity: activityId })} loading="lazy" />
            ) : (
              format(t.evidenceOf, { activity: activityId, hash: e.sha256.slice(0, 12) })
            )}
          </a>
        </li>
      ))}
    </ul>
  );
}
