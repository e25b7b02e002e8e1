import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, onUnauthorized } from '../api/client';
import { authApi, type Role, type Session } from '../api/auth';

interface SessionState {
  /** undefined while the first /api/auth/me is on its way; null when nobody is signed in. */
  session: Session | null | undefined;
  /** The error of the first /api/auth/me when it was not a plain 401 (server down). */
  loadError: unknown;
  signIn: (userName: string, password: string) => Promise<Session>;
  signOut: () => Promise<void>;
  changePassword: (currentPassword: string, newPassword: string) => Promise<Session>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    authApi
      .me(controller.signal)
      .then(setSession)
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (!(error instanceof ApiError && error.status === 401)) setLoadError(error);
        setSession(null);
      });
    return () => controller.abort();
  }, []);

  // Any 401 later means the session ended (expired, password changed elsewhere): back to the sign-in page.
  useEffect(() => onUnauthorized(() => setSession(null)), []);

  const signIn = useCallback(async (userName: string, password: string) => {
    const next = await authApi.login(userName, password);
    setLoadError(null);
    setSession(next);
    return next;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setSession(null);
    }
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const next = await authApi.changePassword(currentPassword, newPassword);
    setSession(next);
    return next;
  }, []);

  const value = useMemo(
    () => ({ session, loadError, signIn, signOut, changePassword }),
    [session, loadError, signIn, signOut, changePassword],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession must be used inside <SessionProvider>.');
  return state;
}

/** The signed-in user; only for components rendered behind the sign-in gate. */
export function useSignedInUser(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedInUser used outside the signed-in part of the app.');
  return session;
}

/** Whether a user with `userRoles` may use something meant for `allowed` ('any' = every signed-in user). Administrators may use everything. */
export function hasAnyRole(userRoles: readonly Role[], allowed: readonly Role[] | 'any'): boolean {
  if (allowed === 'any') return true;
  return userRoles.includes('Administrator') || allowed.some((r) => userRoles.includes(r));
}
