import { Suspense } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { areas } from '../areas';
import { format, useLanguage, useTexts } from '../i18n/language';
import { hasAnyRole, useSession, useSignedInUser } from '../session/session';
import { LanguageSwitch } from './LanguageSwitch';
import { texts } from './texts';

/** The frame of the signed-in app: skip link, header with user and language, the areas the user's roles use, main. */
export function Layout() {
  const t = useTexts(texts);
  const { language } = useLanguage();
  const user = useSignedInUser();
  const { signOut } = useSession();
  const location = useLocation();
  const visible = areas.filter((a) => hasAnyRole(user.roles, a.roles));

  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand">
          {t.appName}
        </NavLink>
        <nav aria-label={t.mainNavigation} className="main-nav">
          <ul>
            {visible.map((area) => (
              <li key={area.id}>
                <NavLink to={area.path} data-area={area.id}>
                  {area.label[language]}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <LanguageSwitch />
          <span className="user">{format(t.signedInAs, { user: user.userName })}</span>
          <NavLink to="/account/password">{t.changePassword}</NavLink>
          <button type="button" onClick={() => void signOut()}>
            {t.signOut}
          </button>
        </div>
      </header>
      {/* tabIndex lets the skip link move keyboard focus into main, not just scroll. */}
      <main id="main" tabIndex={-1}>
        <Suspense key={location.pathname} fallback={<p role="status">{t.loading}</p>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
