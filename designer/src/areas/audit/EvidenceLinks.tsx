import { format, useTexts } from '../../i18n/language';
import { texts } from './texts';
import { evidenceUrl, shortHash, type EvidenceInfo } from './types';

/**
 * The evidence one step refers to: screenshots as thumbnails that open at full size, traces and action logs as
 * download links (the media type stored with the evidence decides which), expired evidence as its hash with the
 * evidence.expired record that keeps it. References the server knows nothing about are shown as text.
 */
export function EvidenceLinks({ references, known }: { references: string[]; known: Map<string, EvidenceInfo> }) {
  const t = useTexts(texts);
  if (references.length === 0) return <>–</>;
  return (
    <ul className="audit-evidence-list">
      {references.map((reference) => {
        const sha = reference.slice('evidence:sha256:'.length);
        const info = known.get(sha);
        const hash = shortHash(sha);
        return (
          <li key={reference} data-testid="timeline-evidence" data-sha256={sha}>
            {info?.state === 'stored' && info.mediaType === 'image/png' ? (
              <a href={evidenceUrl(sha)} target="_blank" rel="noopener" aria-label={format(t.openFull, { hash })}>
                <img className="audit-thumb" src={evidenceUrl(sha)} alt={format(t.screenshotAlt, { hash })} loading="lazy" />
              </a>
            ) : info?.state === 'stored' ? (
              <a href={evidenceUrl(sha)} download>
                {format(
                  info.mediaType === 'application/zip' ? t.downloadTrace : info.mediaType === 'application/json' ? t.downloadActionLog : t.downloadFile,
                  { hash },
                )}
              </a>
            ) : info?.state === 'expired' ? (
              <span className="audit-evidence-state" title={format(t.evidenceExpiredTitle, { sequence: info.expiredSequence ?? '–', sha256: sha })}>
                {format(t.evidenceExpired, { hash })}
              </span>
            ) : (
              <>
                <code className="audit-hash audit-evidence">{reference}</code>
                <span className="audit-evidence-state hint">{info?.state === 'damaged' ? t.evidenceDamaged : t.evidenceMissing}</span>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
