import { useTexts } from '../i18n/language';
import { ChangePasswordForm } from './ChangePasswordForm';
import { Page } from './Page';
import { texts } from './texts';

export default function AccountPasswordPage() {
  const t = useTexts(texts);
  return (
    <Page title={t.changePasswordTitle}>
      <ChangePasswordForm />
    </Page>
  );
}
