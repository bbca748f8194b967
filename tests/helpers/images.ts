// Small real images for tests, made here rather than kept as binary files: a PNG of any size (a
// browser decodes it), a 1×1 GIF, and JPEG and WebP headers that carry a size (enough for the
// type and size checks, not for a browser).
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body) >>> 0);
	return Buffer.concat([length, body, crc]);
}

/** A valid PNG of `width` × `height` pixels, all one colour (RGB). */
export function png(width: number, height: number, [r, g, b]: [number, number, number] = [0x4a, 0x4a, 0x4a]): Uint8Array {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
	const row = Buffer.from([0, ...Array.from({ length: width }, () => [r, g, b]).flat()]);
	const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
	return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]));
}

/** A valid 1×1 GIF. */
export const GIF = new Uint8Array(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));

/** The start of a JPEG (JFIF) whose frame says `width` × `height`. */
export function jpegHeader(width: number, height: number): Uint8Array {
	const jfif = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
	const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
	return Uint8Array.from([0xff, 0xd8, ...jfif, ...sof, 0xff, 0xd9]);
}

/** The start of an extended WebP (VP8X) that says `width` × `height`. */
export function webpHeader(width: number, height: number): Uint8Array {
	const vp8x = Buffer.alloc(18);
	vp8x.write('VP8X', 0, 'ascii');
	vp8x.writeUInt32LE(10, 4);
	vp8x.writeUIntLE(width - 1, 12, 3);
	vp8x.writeUIntLE(height - 1, 15, 3);
	const size = Buffer.alloc(4);
	size.writeUInt32LE(4 + vp8x.length);
	return new Uint8Array(Buffer.concat([Buffer.from('RIFF', 'ascii'), size, Buffer.from('WEBP', 'ascii'), vp8x]));
}

/** An SVG with a script in it: never an image here. */
export const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
