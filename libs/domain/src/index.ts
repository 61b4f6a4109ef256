export * from './capacity';
export * from './categories';
export * from './districts';
