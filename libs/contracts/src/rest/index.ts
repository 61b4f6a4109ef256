export * from './client';
export * from './problem';
export * from './route';
export * from './capacity';
