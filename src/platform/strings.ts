/**
 * Whether PostgreSQL can store the string as text: no NUL character ("invalid byte sequence for
 * encoding UTF8: 0x00", or "unsupported Unicode escape sequence" in jsonb) and no unpaired UTF-16
 * surrogate (not encodable as UTF-8).
 */
export function isStorableString(value: string): boolean {
  return (value as string & { isWellFormed(): boolean }).isWellFormed() && !value.includes('\u0000');
}
