export * from './client';
export * from './institution';
export * from './problem';
export * from './route';
export * from './intake';
