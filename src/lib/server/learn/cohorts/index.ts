// The public API of learn/cohorts: other modules and routes import from here.
export * from './cohorts.ts';
export * from './forms.ts';
export * from './export.ts';
export * from './due.ts';
