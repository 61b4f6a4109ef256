export * from './client';
export * from './housing';
export * from './problem';
export * from './route';
