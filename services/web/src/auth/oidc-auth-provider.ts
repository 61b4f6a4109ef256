/**
 * Sign-in with OpenID Connect (oidc-client-ts): authorization code with PKCE at the provider the gateway
 * names (`GET /api/auth/config`), the user kept in sessionStorage (gone with the tab), and the access
 * token renewed with the refresh token before it expires. The access token is the bearer token of every
 * REST call and of the live socket, exactly as the development token is (ARCHITECTURE.md §6).
 */
import type { AuthConfigDto } from '@plass/contracts/rest';
import { UserManager, WebStorageStateStore, type User, type UserManagerSettings } from 'oidc-client-ts';
import { CALLBACK_PATH, SIGN_IN_PATH } from './paths';
import { sessionFromToken, type ClaimNames, type RedirectSignIn, type Session } from './auth-provider';

type OidcConfig = Extract<AuthConfigDto, { mode: 'oidc' }>;

export function userManagerSettings(
  config: OidcConfig,
  origin: string,
  storage: Storage,
): UserManagerSettings {
  const store = new WebStorageStateStore({ store: storage });
  return {
    authority: config.authority,
    client_id: config.clientId,
    scope: config.scope,
    response_type: 'code',
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    // Signed out at the provider, back to the sign-in page.
    post_logout_redirect_uri: `${origin}${SIGN_IN_PATH}`,
    userStore: store,
    stateStore: store,
    // A minute before expiry, with the refresh token (no hidden iframe: the page's policy forbids frames).
    automaticSilentRenew: true,
    // The provider's session iframe would need a frame-src exception; a sign-out elsewhere shows at renewal.
    monitorSession: false,
    // The claims the dashboard reads are in the access token; no userinfo round trip.
    loadUserInfo: false,
  };
}

function returnToOf(state: unknown): string | null {
  if (typeof state !== 'object' || state === null) return null;
  const value = (state as { returnTo?: unknown }).returnTo;
  return typeof value === 'string' ? value : null;
}

export class OidcAuthProvider implements RedirectSignIn {
  readonly kind = 'oidc';
  /** The stored user, kept here so that `current()` can answer at once (the store answers async). */
  private user: User | null = null;

  private constructor(
    private readonly manager: UserManager,
    private readonly claims: ClaimNames,
  ) {
    manager.events.addUserLoaded((user) => {
      this.user = user;
    });
    manager.events.addUserUnloaded(() => {
      this.user = null;
    });
  }

  static async create(
    config: OidcConfig,
    {
      origin = window.location.origin,
      storage = window.sessionStorage,
    }: { origin?: string; storage?: Storage } = {},
  ): Promise<OidcAuthProvider> {
    const provider = new OidcAuthProvider(
      new UserManager(userManagerSettings(config, origin, storage)),
      config.claims,
    );
    provider.user = await provider.manager.getUser();
    return provider;
  }

  private sessionOf(user: User): Session {
    return sessionFromToken(user.access_token, this.claims);
  }

  current(): Session | null {
    const user = this.user;
    if (!user || user.expired) return null;
    try {
      return this.sessionOf(user);
    } catch {
      // Not a JWT: an access token the services could not read either.
      return null;
    }
  }

  async refresh(): Promise<Session> {
    const user = await this.manager.signinSilent();
    if (!user) throw new Error('the provider gave no new token');
    return this.sessionOf(user);
  }

  signOut(): void {
    this.user = null;
    void this.manager.removeUser();
  }

  signInRedirect(returnTo: string | null): Promise<void> {
    return this.manager.signinRedirect({ state: { returnTo } });
  }

  async completeSignIn(url: string): Promise<{ session: Session; returnTo: string | null }> {
    const user = await this.manager.signinRedirectCallback(url);
    this.user = user;
    return { session: this.sessionOf(user), returnTo: returnToOf(user.state) };
  }

  async endSession(): Promise<void> {
    // The stored id token goes along as id_token_hint; the provider then returns to SIGN_IN_PATH.
    await this.manager.signoutRedirect();
  }

  /** Stops the renewal timers (tests; the page keeps its provider for its whole life). */
  dispose(): void {
    this.manager.stopSilentRenew();
    void this.manager.events.unload();
  }

  onRenewed(listener: (session: Session) => void): () => void {
    const loaded = (user: User) => {
      try {
        listener(this.sessionOf(user));
      } catch {
        // An unreadable token is handled where it is used: the services refuse it with 401.
      }
    };
    this.manager.events.addUserLoaded(loaded);
    return () => this.manager.events.removeUserLoaded(loaded);
  }
}
