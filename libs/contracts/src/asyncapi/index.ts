export * from './catalogue';
export * from './document';
export * from './headers';
