import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

type Convert = (value: unknown) => unknown;

const toDate: Convert = (value) => (value == null ? value : new Date(value as string));
const toText: Convert = (value) => (value == null ? value : String(value));
const toBytes: Convert = (value) => (typeof value === 'string' && value.startsWith('\\x') ? Buffer.from(value.slice(2), 'hex') : value);

/**
 * Rows of one entity read as JSON (`row_to_json(alias)`) inside a larger hand-written statement,
 * turned into the shape TypeORM would have hydrated (property names, `Date` timestamps, numeric
 * as text, `Buffer` bytea, column transformers) without TypeORM's hydration: a list page that
 * joins five relations in one statement pays only for copying the columns, and the field
 * resolvers cannot tell.
 */
export class PlainRows<T extends ObjectLiteral> {
  private readonly columns: Array<{ column: string; property: string; convert?: Convert; transform?: Convert }>;
  private readonly prototype: object;

  constructor(dataSource: DataSource, target: EntityTarget<T>) {
    const metadata = dataSource.getMetadata(target);
    // An instance of the entity class (its constructor is not run: every column is set below), so
    // type-graphql takes it as the field resolvers' root as it is, without copying it per field.
    this.prototype = (metadata.target as { prototype: object }).prototype;
    this.columns = metadata.columns.map((meta) => {
      const type = typeof meta.type === 'string' ? meta.type : '';
      const convert = /timestamp|datetime/.test(type)
        ? toDate
        : /numeric|decimal|bigint|int8/.test(type)
          ? toText
          : type === 'bytea'
            ? toBytes
            : undefined;
      const transformer = Array.isArray(meta.transformer) ? undefined : meta.transformer;
      return {
        column: meta.databaseName,
        property: meta.propertyName,
        convert,
        transform: transformer ? (value: unknown) => transformer.from(value) : undefined,
      };
    });
  }

  /** The table's columns on `alias` for a select list, less `except` (property names) that a read never needs. */
  columnList(alias: string, except: ReadonlyArray<keyof T & string> = []): string {
    return this.columns
      .filter((column) => !except.includes(column.property as keyof T & string))
      .map((column) => `${alias}.${column.column}`)
      .join(', ');
  }

  /** The entity from `row_to_json` of its table's row (columns left out stay unset); null stays null. */
  fromJson(json: unknown): T | null {
    if (json == null || typeof json !== 'object') return null;
    const source = json as Record<string, unknown>;
    const row = Object.create(this.prototype) as Record<string, unknown>;
    for (const { column, property, convert, transform } of this.columns) {
      let value = source[column];
      if (value === undefined) continue;
      if (convert) value = convert(value);
      if (transform) value = transform(value);
      row[property] = value;
    }
    return row as T;
  }
}
