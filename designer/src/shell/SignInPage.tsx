import { useState, type FormEvent } from 'react';
import { useTexts } from '../i18n/language';
import { useSession } from '../session/session';
import { ErrorMessage } from './ErrorMessage';
import { LanguageSwitch } from './LanguageSwitch';
import { Page } from './Page';
import { texts } from './texts';

export function SignInPage() {
  const t = useTexts(texts);
  const { signIn, loadError } = useSession();
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(loadError);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(userName, password);
    } catch (e) {
      setError(e);
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <>
      <header className="app-header">
        <span className="brand">{t.appName}</span>
        <div className="account">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="narrow">
        <Page title={t.signInTitle}>
          <form onSubmit={submit} className="form" noValidate>
            <ErrorMessage error={error} />
            <div className="field">
              <label htmlFor="signin-user">{t.userName}</label>
              <input id="signin-user" name="username" autoComplete="username" required value={userName}
                onChange={(e) => setUserName(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="signin-password">{t.password}</label>
              <input id="signin-password" name="password" type="password" autoComplete="current-password" required
                value={password} onChange={(e) => setPassword(e.target.value)} />
            </div>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t.signingIn : t.signIn}
            </button>
          </form>
        </Page>
      </main>
    </>
  );
}
