export * from './acknowledge-policy';
export * from './alerts';
export * from './capacity';
export * from './categories';
export * from './districts';
export * from './bed-days';
export * from './roles';
export * from './scopes';
