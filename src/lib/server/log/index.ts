import pino from 'pino';

type Described = { name?: string; message?: string; stack?: string; code?: unknown; constraint?: unknown; table?: unknown; column?: unknown; cause?: unknown };

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * What an error may put in the log: its class, and for a database error the SQLSTATE, constraint,
 * table and column. A failed query's message carries its parameters (Drizzle: "params: …", the
 * server: "Key (email)=(…)"), which are what people typed, so a database error's message and detail
 * are never logged; another error keeps the first line of its message (cut at 200 characters) and
 * its stack frames.
 */
export function errorForLog(value: unknown): Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return { type: typeof value, message: String(value).split('\n')[0]!.slice(0, 200) };
	const chain: Described[] = [];
	for (let e: unknown = value; typeof e === 'object' && e !== null && chain.length < 5; e = (e as Described).cause) chain.push(e as Described);
	const db = chain.find((e) => typeof e.code === 'string' && SQLSTATE.test(e.code));
	const first = chain[0]!;
	const constructorName = first.constructor?.name;
	const type = (constructorName && constructorName !== 'Object' ? constructorName : first.name) ?? 'Error';
	const frames = first.stack?.split('\n').filter((line) => line.startsWith('    at ')).join('\n');
	if (db || type === 'DrizzleQueryError' || /params:/.test(first.message ?? '')) {
		return { type, code: db?.code, constraint: db?.constraint, table: db?.table, column: db?.column, stack: frames };
	}
	return { type, message: (first.message ?? '').split('\n')[0]!.slice(0, 200), stack: frames };
}

/** The process logger: JSON lines on stdout. Never pass personal data to it. */
export const logger = pino({
	level: process.env.LOG_LEVEL || 'info',
	base: { service: 'praxis' },
	timestamp: pino.stdTimeFunctions.isoTime,
	serializers: { err: errorForLog },
	redact: { paths: ['*.password', '*.email', '*.token', 'req.headers.cookie'], remove: true }
});
