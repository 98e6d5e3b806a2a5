/**
 * Table types for Kysely. Each migration that adds or changes a table updates this file.
 * The migrator's own bookkeeping tables are not listed.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DatabaseSchema {}
