// The public API of learn/authoring: other modules and routes import from here.
export * from './common.ts';
export * from './courses.ts';
export * from './cover.ts';
export * from './files.ts';
export * from './format.ts';
export * from './forms.ts';
export * from './lesson.ts';
export * from './limits.ts';
export * from './package.ts';
export * from './structure.ts';
