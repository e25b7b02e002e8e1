import { useState, type FormEvent } from 'react';
import { useTexts } from '../i18n/language';
import { useSession } from '../session/session';
import { ErrorMessage } from './ErrorMessage';
import { texts } from './texts';

/** Change one's own password; the server's rules (length, not the user name) answer as ProblemDetails. */
export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const t = useTexts(texts);
  const { changePassword } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(false);
    if (next !== repeat) {
      setError(new Error(t.passwordsDiffer));
      return;
    }
    setBusy(true);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
      onChanged?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="form" noValidate>
      <ErrorMessage error={error} />
      {done && <p role="status" className="success">{t.passwordChanged}</p>}
      <div className="field">
        <label htmlFor="pw-current">{t.currentPassword}</label>
        <input id="pw-current" type="password" autoComplete="current-password" required value={current}
          onChange={(e) => setCurrent(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="pw-new">{t.newPassword}</label>
        <input id="pw-new" type="password" autoComplete="new-password" required aria-describedby="pw-hint" value={next}
          onChange={(e) => setNext(e.target.value)} />
        <p id="pw-hint" className="hint">{t.passwordHint}</p>
      </div>
      <div className="field">
        <label htmlFor="pw-repeat">{t.repeatPassword}</label>
        <input id="pw-repeat" type="password" autoComplete="new-password" required value={repeat}
          onChange={(e) => setRepeat(e.target.value)} />
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t.saving : t.save}
      </button>
    </form>
  );
}
