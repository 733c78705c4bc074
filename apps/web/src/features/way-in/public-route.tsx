/**
 * The public pages' own small router: three addresses under /p/:orgSlug, so the way in loads without the staff app's
 * router (its JavaScript has a budget, e2e/way-in.e2e.ts). Links are plain <a href>s; a plain click moves within the
 * page through the History API, anything else (new tab, modifier keys) is the browser's.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode, type Ref } from 'react';

export type PublicPageName = 'programs' | 'self-check' | 'request' | 'not-found';

export interface PublicLocation {
  orgSlug: string;
  page: PublicPageName;
  search: URLSearchParams;
  /** Moves to another public address (a path with its query), adding a history entry. */
  navigate: (href: string) => void;
}

const PAGES: Record<string, PublicPageName> = { '': 'programs', 'self-check': 'self-check', request: 'request' };

/** '/p/riverside/request' → { orgSlug: 'riverside', page: 'request' }; null for an address outside /p/:orgSlug. */
export function parsePublicPath(pathname: string): { orgSlug: string; page: PublicPageName } | null {
  const match = /^\/p\/([^/]+)(?:\/(.*?))?\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  let orgSlug: string;
  try {
    orgSlug = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  return { orgSlug, page: PAGES[match[2] ?? ''] ?? 'not-found' };
}

const PublicLocationContext = createContext<PublicLocation | null>(null);

export function usePublicLocation(): PublicLocation {
  const location = useContext(PublicLocationContext);
  if (!location) throw new Error('A public page needs a PublicRouter around it');
  return location;
}

const here = () => `${window.location.pathname}${window.location.search}`;

/** Keeps the address in state: `at` opens one (tests), otherwise the browser's, followed through back and forward. */
export function PublicRouter({ at, children }: { at?: string; children: ReactNode }) {
  const [href, setHref] = useState(() => at ?? here());
  useEffect(() => {
    const onPop = () => setHref(here());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string) => {
    window.history.pushState(null, '', to);
    setHref(to);
    window.scrollTo?.({ top: 0 });
  }, []);
  const value = useMemo(() => {
    const url = new URL(href, 'http://public.invalid');
    const parsed = parsePublicPath(url.pathname) ?? { orgSlug: '', page: 'not-found' as const };
    return { ...parsed, search: url.searchParams, navigate };
  }, [href, navigate]);
  return <PublicLocationContext.Provider value={value}>{children}</PublicLocationContext.Provider>;
}

type PublicLinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; ref?: Ref<HTMLAnchorElement> };

/** A link to another public page (Mantine's Button and Anchor take it as their `component`). */
export function PublicLink({ href, onClick, ...rest }: PublicLinkProps) {
  const { navigate } = usePublicLocation();
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const plain = event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
    if (event.defaultPrevented || !plain || (rest.target && rest.target !== '_self')) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...rest} />;
}
