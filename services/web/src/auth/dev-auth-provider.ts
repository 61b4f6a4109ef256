/** Local development sign-in: POST /api/dev/token (gateway, never in production), kept in sessionStorage. */
import { requestDevToken, type DevTokenRequest } from '@plass/contracts/rest';
import { ApiClient } from '../api/client';
import {
  DEFAULT_CLAIM_NAMES,
  sessionFromToken,
  type ClaimNames,
  type DevSignIn,
  type Session,
} from './auth-provider';

const STORAGE_KEY = 'plassoversikt.token';

export class DevAuthProvider implements DevSignIn {
  readonly kind = 'dev';

  constructor(
    private readonly storage: Storage = window.sessionStorage,
    private readonly claims: ClaimNames = DEFAULT_CLAIM_NAMES,
  ) {}

  current(): Session | null {
    const token = this.storage.getItem(STORAGE_KEY);
    if (!token) return null;
    try {
      const session = sessionFromToken(token, this.claims);
      if (session.expiresAt !== null && session.expiresAt <= Date.now()) {
        this.signOut();
        return null;
      }
      return session;
    } catch {
      this.signOut();
      return null;
    }
  }

  async signIn(request: DevTokenRequest): Promise<Session> {
    const token = await fetchDevToken(request);
    const session = sessionFromToken(token, this.claims);
    this.storage.setItem(STORAGE_KEY, token);
    return session;
  }

  /** The same role, district and institutions again: the gateway gives the same subject a new token. */
  async refresh(current: Session): Promise<Session> {
    const { roles, districtCode, institutionIds } = current.user;
    const role = roles[0];
    if (!role) throw new Error('the session has no role to renew');
    return this.signIn({
      role,
      ...(districtCode ? { districtCode } : {}),
      ...(institutionIds.length > 0 ? { institutionIds } : {}),
    });
  }

  signOut(): void {
    this.storage.removeItem(STORAGE_KEY);
  }
}

/** A development token; throws ApiError (404 when the gateway runs in production mode). */
export async function fetchDevToken(request: DevTokenRequest): Promise<string> {
  // A public route: the client without a token.
  const { token } = await new ApiClient('').call(requestDevToken, { body: request });
  return token;
}
