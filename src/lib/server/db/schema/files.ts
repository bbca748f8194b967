import { customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './accounts.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * A file a person uploaded (CPD evidence now; resources and community later), its bytes in the
 * database so a backup of the database is a backup of everything. Checked before it is stored
 * (files/index.ts); the capability that uses it keeps its own link row and decides who may read it.
 * It goes with its owner's account. A file without an owner belongs to the platform (a library
 * resource's media uploaded by an editor): nobody's personal data, kept when its uploader leaves.
 */
export const storedFile = pgTable(
	'stored_file',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		ownerId: uuid('owner_id').references(() => user.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		mime: text('mime').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		data: bytea('data').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('stored_file_owner_idx').on(t.ownerId)]
);
