import { ChefHat } from 'lucide-react';

/**
 * The title and what the page is about. It needs no store, so the page shows it (in the saved
 * language) before the engine has loaded, exactly where it stays afterwards.
 */
export function Brand({ t }: { t: (key: string) => string }) {
  return (
    <>
      <h1 className="brand">
        <ChefHat aria-hidden="true" size={26} strokeWidth={1.75} />
        <span>{t('app.title')}</span>
      </h1>
      <p className="tagline">{t('app.tagline')}</p>
    </>
  );
}
