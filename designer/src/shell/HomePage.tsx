import { Link } from 'react-router-dom';
import { areas } from '../areas';
import { format, useLanguage, useTexts } from '../i18n/language';
import { hasAnyRole, useSignedInUser } from '../session/session';
import { Page } from './Page';
import { texts } from './texts';

export function HomePage() {
  const t = useTexts(texts);
  const { language } = useLanguage();
  const user = useSignedInUser();
  const visible = areas.filter((a) => hasAnyRole(user.roles, a.roles));
  return (
    <Page title={format(t.homeTitle, { user: user.userName })}>
      <p>{format(t.yourRoles, { roles: user.roles.join(', ') })}</p>
      {visible.length === 0 ? (
        <p>{t.noAreas}</p>
      ) : (
        <>
          <p>{t.homeIntro}</p>
          <ul className="area-list">
            {visible.map((a) => (
              <li key={a.id}>
                <Link to={a.path}>{a.label[language]}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
