import { lazy, Suspense } from 'react';
import { Loader } from '@mantine/core';
import { ProgramPage } from './ProgramPage.tsx';
import { PublicLayout, PublicNotFound } from './PublicLayout.tsx';
import { PublicRouter, usePublicLocation } from './public-route.tsx';

// The program page comes with the frame; the self-check and the form (with its pickers) load when first opened.
const SelfCheckPage = lazy(async () => ({ default: (await import('./SelfCheckPage.tsx')).SelfCheckPage }));
const RequestPage = lazy(async () => ({ default: (await import('./RequestPage.tsx')).RequestPage }));

function CurrentPage() {
  const { page } = usePublicLocation();
  if (page === 'programs') return <ProgramPage />;
  if (page === 'not-found') return <PublicNotFound />;
  return (
    <Suspense fallback={<Loader aria-label="Loading the page" />}>{page === 'self-check' ? <SelfCheckPage /> : <RequestPage />}</Suspense>
  );
}

/** The way in (/p/:orgSlug and its pages), its own entry: no sign-in, no staff shell, no staff router. */
export function PublicApp({ at }: { at?: string }) {
  return (
    <PublicRouter at={at}>
      <PublicLayout>
        <CurrentPage />
      </PublicLayout>
    </PublicRouter>
  );
}
