// The public API of learn/catalogue: other modules and routes import from here.
export * from './cache.ts';
export * from './catalogue.ts';
export * from './lesson.ts';
