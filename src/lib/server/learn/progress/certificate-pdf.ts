import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatDate, formatNumber } from '../../../i18n/format.ts';
import type { AppLocale } from '../../../i18n/locales.ts';
import { m } from '../../../paraglide/messages.js';
import type { CertificateView } from './certificates.ts';

// The certificate as a PDF (A4 landscape): the same facts as its page, in the reader's language,
// with the verification address as text and as a QR code. DejaVu Sans has every letter of the
// five languages (č, ř, ľ, ł, ø…); pdfkit embeds only the glyphs used.

const FONTS = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(FONTS, 'DejaVuSans.ttf');
const BOLD = path.join(FONTS, 'DejaVuSans-Bold.ttf');

const INK = '#1f2937';
const ACCENT = '#0f5c7a';

/** The PDF of a certificate whose page is at `url`. */
export async function certificatePdf(cert: CertificateView, url: string, locale: AppLocale): Promise<Buffer> {
	const doc = new PDFDocument({
		size: 'A4',
		layout: 'landscape',
		margin: 56,
		font: REGULAR,
		lang: locale,
		displayTitle: true,
		info: { Title: `${m.cert_title()} — ${cert.holderName}`, Author: m.site_name(), Subject: cert.courseTitle, Keywords: cert.code },
		pdfVersion: '1.7'
	});
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});

	const { width, height } = doc.page;
	doc.lineWidth(3).strokeColor(ACCENT).rect(24, 24, width - 48, height - 48).stroke();
	doc.lineWidth(1).rect(32, 32, width - 64, height - 64).stroke();

	/** A centred line (or paragraph) across the page, `inset` in from each margin. */
	const text = (value: string, size: number, options: { bold?: boolean; color?: string; inset?: number; height?: number } = {}) => {
		const inset = 56 + (options.inset ?? 0);
		doc
			.font(options.bold ? BOLD : REGULAR)
			.fontSize(size)
			.fillColor(options.color ?? INK)
			.text(value, inset, doc.y, { align: 'center', width: width - 2 * inset, height: options.height, ellipsis: options.height !== undefined });
	};
	// The facts and the QR code along the bottom; the outcomes stop above them.
	const bottom = height - 150;

	doc.y = 72;
	text(m.site_name(), 14, { color: ACCENT, bold: true });
	doc.moveDown(0.8);
	text(m.cert_title(), 30, { bold: true });
	doc.moveDown(0.6);
	text(m.cert_statement(), 13);
	doc.moveDown(0.3);
	text(cert.holderName, 26, { bold: true, color: ACCENT });
	doc.moveDown(0.3);
	text(m.cert_completed(), 13);
	doc.moveDown(0.3);
	text(cert.courseTitle, 20, { bold: true });
	doc.moveDown(0.8);
	if (cert.outcomes.length) {
		text(m.ux_cert_outcomes_heading(), 11, { bold: true });
		text(cert.outcomes.join(' · '), 10, { inset: 80, height: bottom - doc.y - 16 });
	}

	const facts: [string, string][] = [
		[m.cert_date(), formatDate(cert.issuedAt, locale)],
		[m.cert_hours(), m.learn_hours({ hours: formatNumber(cert.hours, locale) })],
		[m.cert_code(), cert.code],
		[m.cert_verify_at(), url]
	];
	let y = bottom;
	for (const [label, value] of facts) {
		doc.font(BOLD).fontSize(10).fillColor(INK).text(`${label}: `, 72, y, { continued: true, width: width - 300 });
		doc.font(REGULAR).text(value, { link: label === m.cert_verify_at() ? url : undefined });
		y = doc.y + 4;
	}
	const qr = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
	const cell = 96 / qr.size;
	const left = width - 72 - 96;
	doc.fillColor('#000');
	for (let row = 0; row < qr.size; row++)
		for (let col = 0; col < qr.size; col++) if (qr.get(row, col)) doc.rect(left + col * cell, bottom + row * cell, cell, cell);
	doc.fill();
	doc.link(left, bottom, 96, 96, url);

	doc.end();
	return done;
}
