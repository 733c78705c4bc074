import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError, apiRequest, onUnauthenticated, parseResponse } from './api-client.ts';
import { useIdleLogoff } from './idle-logoff.ts';
import { forgetTabDrafts } from './tab-drafts.ts';
import type { Me } from '../api/types.ts';

export type SignOutReason = 'signed-out' | 'idle' | 'expired';

interface AuthContextValue {
  me: Me | null;
  loading: boolean;
  /** Signs in; throws ApiError (401 wrong credentials, 429 too many attempts); 'two-factor' when a code is needed. */
  signIn: (email: string, password: string) => Promise<Me | 'two-factor'>;
  /** Finishes a two-factor sign-in with the code from the authenticator app. */
  verifyTwoFactor: (code: string) => Promise<Me>;
  signOut: (reason?: SignOutReason) => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export const ME_QUERY_KEY = ['me'] as const;

const ME_PATH = '/api/v1/me';

/** The schemas answers are parsed with, loaded with the first answer to parse (account-schemas.ts says why). */
const accountSchemas = () => import('./account-schemas.ts');

/** Who is signed in, as the server answers it; 401 when no one is. */
async function requestMe(): Promise<Me> {
  const answer = await apiRequest<unknown>(ME_PATH, { ignoreUnauthenticated: true });
  const { meSchema } = await accountSchemas();
  return parseResponse(meSchema, answer, ME_PATH);
}

async function fetchMe(): Promise<Me | null> {
  try {
    return await requestMe();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

function signInPath(reason: SignOutReason, next?: string): string {
  const params = new URLSearchParams({ reason });
  if (next && next !== '/' && !next.startsWith('/sign-in')) params.set('next', next);
  return `/sign-in?${params.toString()}`;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const meQuery = useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: Infinity, retry: 1 });
  const me = meQuery.data ?? null;
  const currentPath = `${location.pathname}${location.search}`;

  const endSession = useCallback(
    (reason: SignOutReason, next?: string) => {
      // Drop every cached record so nothing of the last person's work stays in memory.
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, null);
      void navigate(signInPath(reason, next), { replace: true });
    },
    [navigate, queryClient],
  );

  const signOut = useCallback(
    async (reason: SignOutReason = 'signed-out') => {
      try {
        await apiRequest('/api/auth/sign-out', { method: 'POST', body: {}, ignoreUnauthenticated: true });
      } catch {
        // Signed out on the server already, or offline: the local session ends either way.
      }
      // Signing out on purpose leaves nothing behind; an idle or expired session keeps this tab's drafts for the same person.
      if (reason === 'signed-out') forgetTabDrafts();
      endSession(reason, reason === 'signed-out' ? undefined : currentPath);
    },
    [currentPath, endSession],
  );

  const loadMe = useCallback(async () => {
    const signedIn = await requestMe();
    queryClient.setQueryData(ME_QUERY_KEY, signedIn);
    return signedIn;
  }, [queryClient]);

  /** Signs in; 'two-factor' when the account also needs a code (then call verifyTwoFactor). */
  const signIn = useCallback(
    async (email: string, password: string): Promise<Me | 'two-factor'> => {
      const path = '/api/auth/sign-in/email';
      const sent = await apiRequest<unknown>(path, { method: 'POST', body: { email, password }, ignoreUnauthenticated: true });
      const answer = parseResponse((await accountSchemas()).signInAnswerSchema, sent, path);
      if (answer.twoFactorRedirect) return 'two-factor';
      return loadMe();
    },
    [loadMe],
  );

  const verifyTwoFactor = useCallback(
    async (code: string) => {
      await apiRequest('/api/auth/two-factor/verify-totp', { method: 'POST', body: { code }, ignoreUnauthenticated: true });
      return loadMe();
    },
    [loadMe],
  );

  // Any 401 from the API means the session has ended: back to sign-in, remembering where the person was.
  useEffect(
    () =>
      onUnauthenticated(() => {
        if (!queryClient.getQueryData(ME_QUERY_KEY)) return;
        endSession('expired', `${window.location.pathname}${window.location.search}`);
      }),
    [endSession, queryClient],
  );

  // Someone else signing in to this tab never sees the last person's unsaved work.
  const meId = me?.id ?? null;
  useEffect(() => {
    if (meId) forgetTabDrafts(meId);
  }, [meId]);

  useIdleLogoff(me?.sessionIdleMinutes ?? null, () => void signOut('idle'));

  const value = useMemo<AuthContextValue>(
    () => ({ me, loading: meQuery.isPending, signIn, verifyTwoFactor, signOut }),
    [me, meQuery.isPending, signIn, verifyTwoFactor, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside AuthProvider');
  return value;
}

/** The signed-in staff member; only for pages behind RequireAuth. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe used on a page that does not require sign-in');
  return me;
}
