import type { DataSource } from 'typeorm';

import { historySubjects } from '../history/history.service';

/**
 * Which tables hold data about a trainee, found from the TypeORM entity metadata rather than a
 * hand-kept list: the trainee table, every table with a foreign key to it, every table with a
 * foreign key to one of those (coaching periods → check points, attendance, …; capacity
 * assessments → scores), and so on. A table added later with a foreign key to the trainee or to
 * one of its periods is therefore exported (right of access) and must be classified by the
 * retention policy (a test fails until it is). Polymorphic references without a foreign key
 * (state_change.subject_type/subject_id) are declared in POLYMORPHIC_REFERENCES.
 */

export interface ColumnShape {
  name: string;
  /** Entity property name; the export uses it as the JSON key (the GraphQL field names). */
  property: string;
  /** Normalised database type: 'text', 'character varying', 'uuid', 'date', 'bytea', 'enum', … */
  type: string;
  isArray: boolean;
  nullable: boolean;
}

export interface ForeignKeyShape {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
}

export interface TableShape {
  /** Entity class name; it is also what state_change.subject_type holds. */
  entityName: string;
  tableName: string;
  primaryKey: string[];
  columns: ColumnShape[];
  foreignKeys: ForeignKeyShape[];
}

/** A table whose rows point at a subject by (type, id) columns instead of a foreign key. */
export interface PolymorphicReference {
  table: string;
  typeColumn: string;
  idColumn: string;
  /** Type values naming rows of an entity other than by its own name (type → entity name). */
  entityOfType?: Readonly<Record<string, string>>;
}

/**
 * History rows (state_change) name their subject by type and id: the entity name for a state
 * machine, or another type the history module maps to an entity (a period's staffing changes).
 */
export const POLYMORPHIC_REFERENCES: readonly PolymorphicReference[] = [
  { table: 'state_change', typeColumn: 'subject_type', idColumn: 'subject_id', entityOfType: historySubjects },
];

/** The type values that name rows of `entityName`: its own name and any mapped to it. */
export function typesNaming(reference: PolymorphicReference, entityName: string): string[] {
  const mapped = Object.entries(reference.entityOfType ?? {})
    .filter(([, entity]) => entity === entityName)
    .map(([type]) => type);
  return [...new Set([entityName, ...mapped])].sort();
}

export const TRAINEE_TABLE = 'trainee';

/** How the rows of one table are reached from the trainee. */
export interface PlannedTable {
  table: TableShape;
  /** Foreign-key columns pointing at tables earlier in the plan (empty for the trainee table). */
  links: Array<{ column: string; parentTable: string; parentColumn: string }>;
  /** Set for polymorphic tables: rows whose subject is any row of an earlier table. */
  polymorphic?: PolymorphicReference;
}

/** The tables of the model as plain shapes (pure code below works on these). */
export function describeTables(dataSource: DataSource): TableShape[] {
  return dataSource.entityMetadatas.map((metadata) => ({
    entityName: metadata.name,
    tableName: metadata.tableName,
    primaryKey: metadata.primaryColumns.map((c) => c.databaseName),
    columns: metadata.columns.map((column) => ({
      name: column.databaseName,
      property: column.propertyName,
      type: String(dataSource.driver.normalizeType(column)),
      isArray: column.isArray,
      nullable: column.isNullable,
    })),
    foreignKeys: metadata.foreignKeys.map((fk) => ({
      columns: fk.columnNames,
      referencedTable: fk.referencedEntityMetadata.tableName,
      referencedColumns: fk.referencedColumnNames,
    })),
  }));
}

/**
 * The trainee table first, then every table reachable backwards over foreign keys, each after all
 * the tables it links to (so one pass can collect ids). Single-column keys only; a table's key to
 * itself is ignored (its rows are reached through their other keys). Throws on a cycle.
 */
export function planTraineeData(
  tables: readonly TableShape[],
  polymorphic: readonly PolymorphicReference[] = POLYMORPHIC_REFERENCES,
): PlannedTable[] {
  const byName = new Map(tables.map((t) => [t.tableName, t]));
  const root = byName.get(TRAINEE_TABLE);
  if (!root) throw new Error(`no "${TRAINEE_TABLE}" table in the model`);
  const polymorphicTables = new Set(polymorphic.map((p) => p.table));

  const singleKeys = (table: TableShape) => table.foreignKeys.filter((fk) => fk.columns.length === 1 && fk.referencedTable !== table.tableName);

  // Closure: a table belongs to the trainee when it has a foreign key to a table that does.
  const included = new Set([TRAINEE_TABLE]);
  for (let grew = true; grew;) {
    grew = false;
    for (const table of tables) {
      if (included.has(table.tableName) || polymorphicTables.has(table.tableName)) continue;
      if (singleKeys(table).some((fk) => included.has(fk.referencedTable))) {
        included.add(table.tableName);
        grew = true;
      }
    }
  }

  // Topological order over the links between included tables (Kahn), stable by table name.
  const linksOf = new Map<string, PlannedTable['links']>();
  for (const name of included) {
    const table = byName.get(name)!;
    linksOf.set(
      name,
      name === TRAINEE_TABLE
        ? []
        : singleKeys(table)
            .filter((fk) => included.has(fk.referencedTable))
            .map((fk) => ({ column: fk.columns[0], parentTable: fk.referencedTable, parentColumn: fk.referencedColumns[0] })),
    );
  }
  const ordered: PlannedTable[] = [];
  const placed = new Set<string>();
  while (placed.size < included.size) {
    const ready = [...included]
      .filter((name) => !placed.has(name) && linksOf.get(name)!.every((link) => placed.has(link.parentTable)))
      .sort((a, b) => (a === TRAINEE_TABLE ? -1 : b === TRAINEE_TABLE ? 1 : a.localeCompare(b)));
    if (ready.length === 0) {
      const stuck = [...included].filter((name) => !placed.has(name)).sort();
      throw new Error(`foreign keys between trainee tables form a cycle: ${stuck.join(', ')}`);
    }
    for (const name of ready) {
      ordered.push({ table: byName.get(name)!, links: linksOf.get(name)! });
      placed.add(name);
    }
  }

  for (const reference of polymorphic) {
    const table = byName.get(reference.table);
    if (table) ordered.push({ table, links: [], polymorphic: reference });
  }
  return ordered;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * WHERE condition (no alias: columns of `tableName` itself) selecting the rows of `tableName` that
 * belong to the trainees whose ids are in `idsParam` (a uuid[] parameter such as `$1`).
 */
export function ownedRowsCondition(plan: readonly PlannedTable[], tableName: string, idsParam = '$1'): string {
  const byName = new Map(plan.map((p) => [p.table.tableName, p]));
  const condition = (name: string): string => {
    const planned = byName.get(name);
    if (!planned) throw new Error(`table ${name} is not part of the trainee data plan`);
    if (name === TRAINEE_TABLE) return `${quote(planned.table.primaryKey[0])} = ANY(${idsParam}::uuid[])`;
    if (planned.polymorphic) {
      const reference = planned.polymorphic;
      const { typeColumn, idColumn } = reference;
      return plan
        .filter((p) => !p.polymorphic)
        .map((p) => {
          const types = typesNaming(reference, p.table.entityName);
          const typeCondition =
            types.length === 1 ? `${quote(typeColumn)} = '${types[0]}'` : `${quote(typeColumn)} IN (${types.map((t) => `'${t}'`).join(', ')})`;
          return `(${typeCondition} AND ${quote(idColumn)} IN (${ownedIdsSql(p.table.tableName)}))`;
        })
        .join('\n   OR ');
    }
    return planned.links
      .map((link) =>
        link.parentTable === TRAINEE_TABLE
          ? `${quote(link.column)} = ANY(${idsParam}::uuid[])`
          : `${quote(link.column)} IN (${ownedIdsSql(link.parentTable, link.parentColumn)})`,
      )
      .join(' OR ');
  };
  const ownedIdsSql = (name: string, column?: string): string => {
    const planned = byName.get(name)!;
    return `SELECT ${quote(column ?? planned.table.primaryKey[0])} FROM ${quote(name)} WHERE ${condition(name)}`;
  };
  return condition(tableName);
}

/** The tables (by name) in the plan that are reached through a foreign key chain to the trainee. */
export function plannedTableNames(plan: readonly PlannedTable[]): string[] {
  return plan.map((p) => p.table.tableName);
}

export { quote as quoteIdentifier };
