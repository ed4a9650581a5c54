/**
 * True when a write failed on a UNIQUE constraint. Each engine reports it its own way:
 * node:sqlite as SQLITE_CONSTRAINT_UNIQUE (extended code 2067) in `errcode`, PostgreSQL
 * as SQLSTATE 23505 in `code`.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { errcode?: unknown; code?: unknown } | null;
  return e?.errcode === 2067 || e?.code === '23505';
}
