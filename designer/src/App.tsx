import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { areas } from './areas';
import { LanguageProvider, useTexts } from './i18n/language';
import { SessionProvider, useSession } from './session/session';
import { AreaGate } from './shell/AreaGate';
import { HomePage } from './shell/HomePage';
import { Layout } from './shell/Layout';
import { MustChangePasswordPage } from './shell/MustChangePasswordPage';
import { NotFoundPage } from './shell/NotFoundPage';
import { SignInPage } from './shell/SignInPage';
import { texts } from './shell/texts';

const AccountPasswordPage = lazy(() => import('./shell/AccountPasswordPage'));

function SignedInRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="account/password" element={<AccountPasswordPage />} />
        {areas.flatMap((area) =>
          area.pages.map(({ path, component: Component }) => (
            <Route
              key={`${area.id}/${path}`}
              path={`${area.path}/${path}`.replace(/\/+$/, '') || '/'}
              element={
                <AreaGate area={area}>
                  <Component />
                </AreaGate>
              }
            />
          )),
        )}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function Gate() {
  const t = useTexts(texts);
  const { session } = useSession();
  if (session === undefined) {
    return (
      <main id="main">
        <p role="status">{t.loading}</p>
      </main>
    );
  }
  if (session === null) return <SignInPage />;
  if (session.mustChangePassword) return <MustChangePasswordPage />;
  return <SignedInRoutes />;
}

export function App() {
  return (
    <LanguageProvider>
      <SessionProvider>
        <BrowserRouter>
          <Gate />
        </BrowserRouter>
      </SessionProvider>
    </LanguageProvider>
  );
}
