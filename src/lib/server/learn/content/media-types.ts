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
