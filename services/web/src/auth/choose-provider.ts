/** App start: the gateway says how to sign in (`GET /api/auth/config`), and the matching provider is made. */
import { getAuthConfig, type AuthConfigDto } from '@plass/contracts/rest';
import { ApiClient } from '../api/client';
import type { AuthProvider } from './auth-provider';
import { DevAuthProvider } from './dev-auth-provider';

export interface ProviderEnvironment {
  origin: string;
  storage: Storage;
}

/**
 * The development provider, or the OIDC one (its library loads only then, not in the first bundle
 * of a development sign-in).
 */
export async function chooseAuthProvider(
  config: AuthConfigDto,
  environment: ProviderEnvironment = { origin: window.location.origin, storage: window.sessionStorage },
): Promise<AuthProvider> {
  switch (config.mode) {
    case 'dev':
      return new DevAuthProvider(environment.storage, config.claims);
    case 'oidc': {
      const { OidcAuthProvider } = await import('./oidc-auth-provider');
      return OidcAuthProvider.create(config, environment);
    }
  }
}

/** A public route: the client without a token; the answer is checked against the contract. */
export function fetchAuthConfig(client: ApiClient = new ApiClient('')): Promise<AuthConfigDto> {
  return client.call(getAuthConfig, {});
}
