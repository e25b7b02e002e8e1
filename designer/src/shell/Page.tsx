import { useEffect, type ReactNode } from 'react';
import { useTexts } from '../i18n/language';
import { texts } from './texts';

/** A page's frame: its one h1 and the browser tab's title. Every page renders inside one. */
export function Page({ title, children }: { title: string; children?: ReactNode }) {
  const t = useTexts(texts);
  useEffect(() => {
    document.title = `${title} · ${t.appName}`;
  }, [title, t.appName]);
  return (
    <>
      <h1>{title}</h1>
      {children}
    </>
  );
}
