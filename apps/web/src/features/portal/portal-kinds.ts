/** The two portals outside the staff app — a participant's and a family member's — share their sign-in pages and frame. */
export type PortalKind = 'participant' | 'family';

export interface PortalWords {
  /** Where the portal lives; its sign-in and set-password pages are under it. */
  path: '/portal' | '/family';
  /** The query-cache prefix of its calls, cleared on sign-in and sign-out. */
  queryKey: string;
  heading: string;
  signInTitle: string;
  signInSubtitle: string;
  signInPageTitle: string;
  welcomeTitle: string;
  welcomeSubtitle: string;
}

export const PORTAL_WORDS: Record<PortalKind, PortalWords> = {
  participant: {
    path: '/portal',
    queryKey: 'portal',
    heading: 'My Trellis',
    signInTitle: 'Your portal',
    signInSubtitle: 'Sign in to see your sessions and hours.',
    signInPageTitle: 'Sign in to your portal',
    welcomeTitle: 'Welcome to your portal',
    welcomeSubtitle: 'See your sessions, hours and calendar on your phone.',
  },
  family: {
    path: '/family',
    queryKey: 'family',
    heading: 'Trellis family portal',
    signInTitle: 'Family portal',
    signInSubtitle: 'Sign in to see what your family member shares with you.',
    signInPageTitle: 'Sign in to the family portal',
    welcomeTitle: 'Welcome to the family portal',
    welcomeSubtitle: 'See what your family member has chosen to share with you.',
  },
};
