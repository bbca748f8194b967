// The public API of learn/progress: other modules and routes import from here.
export * from './activities.ts';
export * from './badges.ts';
export * from './certificates.ts';
export * from './certificate-pdf.ts';
export * from './forms.ts';
export * from './journal.ts';
export * from './live.ts';
export * from './personal-data.ts';
export * from './progress.ts';
export * from './xapi.ts';
export * from './team.ts';
