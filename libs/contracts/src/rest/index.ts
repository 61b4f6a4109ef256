export * from './client';
export * from './gateway';
export * from './housing';
export * from './institution';
export * from './intake';
export * from './problem';
export * from './route';
export * from './capacity';
