// The public API of learn/content: other modules and routes import from here.
export * from './captions.ts';
export * from './content.ts';
export * from './files.ts';
export * from './import.ts';
export * from './links.ts';
export * from './markdown.ts';
export * from './media-types.ts';
export * from './media.ts';
export * from './option-order.ts';
export * from './quality.ts';
export * from './svg.ts';
