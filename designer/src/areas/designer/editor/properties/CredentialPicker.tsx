import { useEffect, useState } from 'react';
import { get } from '../../../../api/client';
import { format, useTexts } from '../../../../i18n/language';
import { texts } from './texts';
import './properties.css';

/** A credential as GET /api/credential-names lists it: never a value. */
export interface CredentialName {
  name: string;
  targetSystem?: string | null;
  fields: string[];
}

interface Props {
  id: string;
  value: unknown;
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  onChange: (value: string | undefined) => void;
}

/**
 * Chooses a credential of the vault by name; each option shows the target system and the field names (its kind). A
 * name that is not in the vault stays selectable and is shown with a warning, as the run would fail on it.
 */
export function CredentialPicker({ id, value, describedBy, invalid, required, onChange }: Props) {
  const t = useTexts(texts);
  const [credentials, setCredentials] = useState<CredentialName[]>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    get<CredentialName[]>('/api/credential-names').then(
      (list) => current && setCredentials(list),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, []);

  const name = typeof value === 'string' ? value : '';
  const warningId = `${id}-vault`;
  const missing = credentials !== undefined && name !== '' && !credentials.some((c) => c.name.toLowerCase() === name.toLowerCase());
  const describe = [describedBy, missing || failed || credentials?.length === 0 ? warningId : undefined].filter(Boolean).join(' ') || undefined;

  if (failed) {
    return (
      <>
        <input id={id} value={name} aria-invalid={invalid} aria-required={required} aria-describedby={describe} onChange={(e) => onChange(e.target.value || undefined)} />
        <p id={warningId} className="hint">
          {t.credentialsUnavailable}
        </p>
      </>
    );
  }

  return (
    <>
      <select id={id} value={name} aria-invalid={invalid || missing || undefined} aria-required={required} aria-describedby={describe} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{t.notSet}</option>
        {name !== '' && !(credentials ?? []).some((c) => c.name === name) && <option value={name}>{missing ? `${name} (?)` : name}</option>}
        {(credentials ?? []).map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
            {c.targetSystem ? ` · ${c.targetSystem}` : ''} ({t.credentialFields}: {c.fields.join(', ')})
          </option>
        ))}
      </select>
      {missing && (
        <p id={warningId} className="wfp-warning" role="status">
          ⚠ {format(t.credentialMissing, { name })}
        </p>
      )}
      {credentials?.length === 0 && !missing && (
        <p id={warningId} className="hint">
          {t.credentialNone}
        </p>
      )}
    </>
  );
}
