import { api } from './client';

/** The server's roles (engine/Automation.Server/Security/Roles.cs). */
export type Role = 'Administrator' | 'ProcessOwner' | 'Operator' | 'Planner' | 'Auditor';

/** GET /api/auth/me and the sign-in answer. */
export interface Session {
  userName: string;
  roles: Role[];
  mustChangePassword: boolean;
  kind: 'user' | 'token';
}

export const authApi = {
  me: (signal?: AbortSignal) => api<Session>('/api/auth/me', { signal, quietUnauthorized: true }),
  login: (userName: string, password: string) =>
    api<Session>('/api/auth/login', { method: 'POST', body: { userName, password }, quietUnauthorized: true }),
  logout: () => api<void>('/api/auth/logout', { method: 'POST' }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api<Session>('/api/auth/change-password', { method: 'POST', body: { currentPassword, newPassword } }),
};
