export * from './client';
export * from './gateway';
export * from './housing';
export * from './problem';
export * from './route';
