export * from './accounts.ts';
export * from './glossary.ts';
export * from './platform.ts';
export * from './organisations.ts';
export * from './frameworks.ts';
export * from './search.ts';
export * from './learn.ts';
export * from './cards.ts';
