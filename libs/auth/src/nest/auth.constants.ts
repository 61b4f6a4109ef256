/** Injection token of the `TokenVerifier` that `AuthModule` provides. */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** Reflector metadata keys of `@Public()` and `@Roles()`. */
export const IS_PUBLIC_KEY = 'plass:auth:public';
export const ROLES_KEY = 'plass:auth:roles';
