import { useTexts } from '../i18n/language';
import { useSession } from '../session/session';
import { ChangePasswordForm } from './ChangePasswordForm';
import { LanguageSwitch } from './LanguageSwitch';
import { Page } from './Page';
import { texts } from './texts';

/** Shown instead of the app while the server says the one-time password must be changed (every API answers 403 until then). */
export function MustChangePasswordPage() {
  const t = useTexts(texts);
  const { signOut } = useSession();
  return (
    <>
      <header className="app-header">
        <span className="brand">{t.appName}</span>
        <div className="account">
          <LanguageSwitch />
          <button type="button" onClick={() => void signOut()}>
            {t.signOut}
          </button>
        </div>
      </header>
      <main id="main" className="narrow">
        <Page title={t.mustChangeTitle}>
          <p>{t.mustChangeIntro}</p>
          <ChangePasswordForm />
        </Page>
      </main>
    </>
  );
}
