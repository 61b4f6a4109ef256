/** The sign-in routes, shared by the router and the OIDC provider (which is loaded only in OIDC mode). */
export const SIGN_IN_PATH = '/logg-inn';
/** Where the OpenID Connect provider sends the browser back with the code. */
export const CALLBACK_PATH = '/innlogging/tilbake';
