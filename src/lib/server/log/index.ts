import pino from 'pino';

/** The process logger: JSON lines on stdout. Never pass personal data to it. */
export const logger = pino({
	level: process.env.LOG_LEVEL || 'info',
	base: { service: 'praxis' },
	timestamp: pino.stdTimeFunctions.isoTime,
	redact: { paths: ['*.password', '*.email', '*.token', 'req.headers.cookie'], remove: true }
});
