// The width and height of a PNG, GIF, WebP or JPEG image, read from its header (no decoding), so a
// page can reserve the image's room before it loads. Undefined when the header is not understood.

export type ImageSize = { width: number; height: number };

const u16be = (d: Uint8Array, i: number) => (d[i]! << 8) | d[i + 1]!;
const u16le = (d: Uint8Array, i: number) => d[i]! | (d[i + 1]! << 8);
const u24le = (d: Uint8Array, i: number) => d[i]! | (d[i + 1]! << 8) | (d[i + 2]! << 16);
const u32be = (d: Uint8Array, i: number) => ((d[i]! << 24) >>> 0) + ((d[i + 1]! << 16) | (d[i + 2]! << 8) | d[i + 3]!);
const ascii = (d: Uint8Array, i: number, n: number) => String.fromCharCode(...d.subarray(i, i + n));

function png(d: Uint8Array): ImageSize | undefined {
	if (d.length < 24 || ascii(d, 12, 4) !== 'IHDR') return undefined;
	return { width: u32be(d, 16), height: u32be(d, 20) };
}

function gif(d: Uint8Array): ImageSize | undefined {
	return d.length < 10 ? undefined : { width: u16le(d, 6), height: u16le(d, 8) };
}

function webp(d: Uint8Array): ImageSize | undefined {
	if (d.length < 30 || ascii(d, 0, 4) !== 'RIFF' || ascii(d, 8, 4) !== 'WEBP') return undefined;
	const chunk = ascii(d, 12, 4);
	if (chunk === 'VP8 ') return { width: u16le(d, 26) & 0x3fff, height: u16le(d, 28) & 0x3fff };
	if (chunk === 'VP8L') {
		const b0 = d[21]!, b1 = d[22]!, b2 = d[23]!, b3 = d[24]!;
		return { width: 1 + (((b1 & 0x3f) << 8) | b0), height: 1 + (((b3 & 0xf) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)) };
	}
	if (chunk === 'VP8X') return { width: 1 + u24le(d, 24), height: 1 + u24le(d, 27) };
	return undefined;
}

// The start-of-frame markers that carry the size (SOF0–SOF15 but DHT, JPG and DAC).
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpeg(d: Uint8Array): ImageSize | undefined {
	let i = 2;
	while (i + 9 < d.length) {
		if (d[i] !== 0xff) return undefined;
		const marker = d[i + 1]!;
		if (marker === 0xff) {
			i++;
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			i += 2;
			continue;
		}
		if (SOF.has(marker)) return { width: u16be(d, i + 7), height: u16be(d, i + 5) };
		i += 2 + u16be(d, i + 2);
	}
	return undefined;
}

/** The size of an image whose format was sniffed as `ext` ('png', 'gif', 'webp', 'jpg'). */
export function imageSize(data: Uint8Array, ext: string): ImageSize | undefined {
	const size = ext === 'png' ? png(data) : ext === 'gif' ? gif(data) : ext === 'webp' ? webp(data) : ext === 'jpg' ? jpeg(data) : undefined;
	return size && size.width > 0 && size.height > 0 ? size : undefined;
}
