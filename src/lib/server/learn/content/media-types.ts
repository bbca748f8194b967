/** The files a lesson can carry, by extension, with the largest size accepted for each kind. */
export const MEDIA_TYPES = {
	png: { mime: 'image/png', maxBytes: 2 * 1024 * 1024 },
	jpg: { mime: 'image/jpeg', maxBytes: 2 * 1024 * 1024 },
	jpeg: { mime: 'image/jpeg', maxBytes: 2 * 1024 * 1024 },
	webp: { mime: 'image/webp', maxBytes: 2 * 1024 * 1024 },
	svg: { mime: 'image/svg+xml', maxBytes: 512 * 1024 },
	mp3: { mime: 'audio/mpeg', maxBytes: 20 * 1024 * 1024 },
	webm: { mime: 'video/webm', maxBytes: 50 * 1024 * 1024 },
	mp4: { mime: 'video/mp4', maxBytes: 50 * 1024 * 1024 },
	vtt: { mime: 'text/vtt', maxBytes: 256 * 1024 }
} as const;

export type MediaExtension = keyof typeof MEDIA_TYPES;

export function extensionOf(name: string): MediaExtension | null {
	const ext = name.toLowerCase().split('.').pop() ?? '';
	return ext in MEDIA_TYPES ? (ext as MediaExtension) : null;
}

/** The media type of a lesson file by its name, or null when lessons cannot use it. */
export function mediaTypeOf(name: string): string | null {
	const ext = extensionOf(name);
	return ext ? MEDIA_TYPES[ext].mime : null;
}

/**
 * What a course's cover may be: an SVG illustration (at most the lesson images' 512 KB) or a PNG,
 * JPEG or WebP picture of at most 1 MB — smaller than a lesson's images, as every catalogue card
 * loads one.
 */
export const COVER_EXTENSIONS = ['svg', 'png', 'jpg', 'jpeg', 'webp'] as const satisfies readonly MediaExtension[];
export type CoverExtension = (typeof COVER_EXTENSIONS)[number];
export const COVER_RASTER_MAX_BYTES = 1024 * 1024;

/** The cover extension of a file name, or null when a cover cannot be such a file. */
export function coverExtensionOf(name: string): CoverExtension | null {
	const ext = extensionOf(name);
	return ext && (COVER_EXTENSIONS as readonly string[]).includes(ext) ? (ext as CoverExtension) : null;
}

/** The largest cover of a type. */
export const coverMaxBytes = (ext: CoverExtension): number => (ext === 'svg' ? MEDIA_TYPES.svg.maxBytes : COVER_RASTER_MAX_BYTES);

/** The file name a cover of this media type has in a course folder or package. */
export const coverFileName = (mime: string): string =>
	`cover.${mime === 'image/png' ? 'png' : mime === 'image/jpeg' ? 'jpg' : mime === 'image/webp' ? 'webp' : 'svg'}`;
