import type { ReactNode } from 'react';
import type { Area } from '../areas/area';
import { format, useLanguage, useTexts } from '../i18n/language';
import { hasAnyRole, useSignedInUser } from '../session/session';
import { Page } from './Page';
import { texts } from './texts';

/** Renders an area's page only for the roles the area names; others (a typed URL) get a plain "no access" page. */
export function AreaGate({ area, children }: { area: Area; children: ReactNode }) {
  const t = useTexts(texts);
  const { language } = useLanguage();
  const user = useSignedInUser();
  if (hasAnyRole(user.roles, area.roles)) return <>{children}</>;
  return (
    <Page title={t.forbiddenTitle}>
      <p>{format(t.forbiddenText, { area: area.label[language] })}</p>
    </Page>
  );
}
