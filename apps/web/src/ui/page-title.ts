import { useEffect } from 'react';

/** Sets the browser tab's title for the page, so history, tabs and screen readers name it. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Trellis` : 'Trellis';
  }, [title]);
}
