import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { get_dmmf } from "@prisma/prisma-schema-wasm";

import type { SqlSession } from "./raw-sql";

export const SCHEMA_PATH = fileURLToPath(new URL("../prisma/schema.prisma", import.meta.url));

/** A database shape reduced to comparable lines such as `column tasks.tags text[] null default`. */
type Shape = Set<string>;

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object";
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfIndex = {
  model: string;
  type: "id" | "normal" | "unique" | "fulltext";
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
};
type Dmmf = {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName?: string | null; values: { name: string }[] }[];
    indexes: DmmfIndex[];
  };
};

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Uuid: () => "uuid",
  Char: ([n]) => `character(${n})`,
  VarChar: ([n]) => (n ? `character varying(${n})` : "character varying"),
  Timestamptz: ([p]) => `timestamp(${p ?? 6}) with time zone`,
  Timestamp: ([p]) => `timestamp(${p ?? 6}) without time zone`,
  Text: () => "text",
};

// Defaults Prisma computes in the client; the column itself has none.
const CLIENT_SIDE_DEFAULTS = new Set(["uuid", "cuid", "nanoid", "ulid"]);

const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (field: DmmfField) => field.dbName ?? field.name;

const readDmmf = (schemaPath: string): Dmmf =>
  JSON.parse(
    get_dmmf(
      JSON.stringify({ prismaSchema: [["schema.prisma", readFileSync(schemaPath, "utf8")]] }),
    ),
  ) as Dmmf;

const columnType = (field: DmmfField, enumDbNames: Map<string, string>): string => {
  const base =
    field.kind === "enum"
      ? (enumDbNames.get(field.type) ?? field.type)
      : field.nativeType
        ? (NATIVE_TYPES[field.nativeType[0]]?.(field.nativeType[1]) ??
          field.nativeType[0].toLowerCase())
        : (SCALAR_TYPES[field.type] ?? field.type);
  return field.isList ? `${base}[]` : base;
};

const hasDatabaseDefault = (field: DmmfField): boolean => {
  if (!field.hasDefaultValue) return false;
  const fn = field.default as { name?: string } | undefined;
  return !(fn && typeof fn === "object" && fn.name && CLIENT_SIDE_DEFAULTS.has(fn.name));
};

/** The shape schema.prisma describes, in Prisma's naming conventions for constraints and indexes. */
export const expectedShape = (schemaPath = SCHEMA_PATH): Shape => {
  const { datamodel } = readDmmf(schemaPath);
  const shape: Shape = new Set();
  const enumDbNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  for (const e of datamodel.enums) {
    shape.add(`enum ${e.dbName ?? e.name} (${e.values.map((v) => v.name).join(", ")})`);
  }
  const models = new Map(datamodel.models.map((m) => [m.name, m]));
  for (const model of datamodel.models) {
    const table = tableOf(model);
    const fieldColumn = new Map(model.fields.map((f) => [f.name, columnOf(f)]));
    shape.add(`table ${table}`);
    for (const field of model.fields) {
      if (field.kind === "object") {
        const target = models.get(field.type);
        if (!target || !field.relationFromFields?.length) continue;
        const from = field.relationFromFields.map((f) => fieldColumn.get(f) ?? f);
        const targetColumns = new Map(target.fields.map((f) => [f.name, columnOf(f)]));
        const to = (field.relationToFields ?? []).map((f) => targetColumns.get(f) ?? f);
        const onDelete = (field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull"))
          .replace(/([a-z])([A-Z])/g, "$1 $2")
          .toUpperCase();
        shape.add(
          `foreign key ${table}_${from.join("_")}_fkey (${from.join(", ")}) -> ${tableOf(target)} (${to.join(", ")}) on delete ${onDelete}`,
        );
        continue;
      }
      // Prisma creates scalar lists as nullable columns.
      const nullable = !field.isRequired || field.isList;
      shape.add(
        `column ${table}.${columnOf(field)} ${columnType(field, enumDbNames)} ${nullable ? "null" : "not null"}${
          hasDatabaseDefault(field) ? " default" : ""
        }`,
      );
    }
  }
  for (const index of datamodel.indexes) {
    const model = models.get(index.model);
    if (!model || index.type === "fulltext") continue;
    const table = tableOf(model);
    const fieldColumn = new Map(model.fields.map((f) => [f.name, columnOf(f)]));
    const columns = index.fields.map((f) => fieldColumn.get(f.name) ?? f.name);
    const suffix = index.type === "id" ? "pkey" : index.type === "unique" ? "key" : "idx";
    const name =
      index.dbName ??
      (index.type === "id" ? `${table}_pkey` : `${table}_${columns.join("_")}_${suffix}`);
    const parts = index.fields.map(
      (f, i) => `${columns[i]}${f.sortOrder === "desc" ? " DESC" : ""}`,
    );
    const kind =
      index.type === "id" ? "primary key" : index.type === "unique" ? "unique index" : "index";
    shape.add(
      `${kind} ${name} on ${table} using ${(index.algorithm ?? "BTree").toLowerCase()} (${parts.join(", ")})`,
    );
  }
  return shape;
};

/** The shape of the connected database's public schema (Prisma's bookkeeping table excluded). */
export const actualShape = async (session: SqlSession): Promise<Shape> => {
  const shape: Shape = new Set();
  const enums = await session.query<{ name: string; labels: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = current_schema() GROUP BY t.typname`);
  for (const e of enums) shape.add(`enum ${e.name} (${e.labels.join(", ")})`);

  const tables = await session.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'`);
  for (const t of tables) shape.add(`table ${t.name}`);

  const columns = await session.query<{
    tbl: string;
    col: string;
    type: string;
    notnull: boolean;
    hasdefault: boolean;
  }>(`
    SELECT c.relname AS tbl, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS notnull, a.atthasdef AS hasdefault
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
      AND a.attnum > 0 AND NOT a.attisdropped`);
  for (const c of columns) {
    // format_type quotes enum names that need it; Prisma's names never do.
    const type = c.type.replaceAll('"', "");
    shape.add(
      `column ${c.tbl}.${c.col} ${type} ${c.notnull ? "not null" : "null"}${c.hasdefault ? " default" : ""}`,
    );
  }

  const indexes = await session.query<{
    name: string;
    tbl: string;
    method: string;
    isunique: boolean;
    isprimary: boolean;
    def: string;
  }>(`
    SELECT i.relname AS name, t.relname AS tbl, am.amname AS method, x.indisunique AS isunique,
           x.indisprimary AS isprimary, pg_get_indexdef(x.indexrelid) AS def
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_am am ON am.oid = i.relam JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = current_schema() AND t.relname <> '_prisma_migrations'`);
  for (const index of indexes) {
    // Prisma's DMMF leaves out a partial index's WHERE clause, so only the columns are compared.
    const columnList = /\((.*?)\)(?:\s+WHERE\s.*)?$/.exec(index.def)?.[1] ?? "";
    const parts = columnList.split(",").map((part) => part.trim().replaceAll('"', ""));
    const kind = index.isprimary ? "primary key" : index.isunique ? "unique index" : "index";
    shape.add(`${kind} ${index.name} on ${index.tbl} using ${index.method} (${parts.join(", ")})`);
  }

  const foreignKeys = await session.query<{ name: string; def: string; tbl: string }>(`
    SELECT con.conname AS name, t.relname AS tbl, pg_get_constraintdef(con.oid) AS def
    FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = current_schema() AND con.contype = 'f'`);
  for (const fk of foreignKeys) {
    const match = /FOREIGN KEY \((.*?)\) REFERENCES (\S+)\((.*?)\)(.*)$/.exec(
      fk.def.replaceAll('"', ""),
    );
    if (!match) continue;
    const [, from = "", target = "", to = "", rest = ""] = match;
    const onDelete =
      /ON DELETE (SET NULL|CASCADE|RESTRICT|SET DEFAULT|NO ACTION)/.exec(rest)?.[1] ?? "NO ACTION";
    shape.add(`foreign key ${fk.name} (${from}) -> ${target} (${to}) on delete ${onDelete}`);
  }
  return shape;
};

export type SchemaDrift = { missingFromDatabase: string[]; notInSchema: string[] };

/** Compares the migrated database with schema.prisma; both lists are empty when they match. */
export const findSchemaDrift = async (
  session: SqlSession,
  schemaPath = SCHEMA_PATH,
): Promise<SchemaDrift> => {
  const expected = expectedShape(schemaPath);
  const actual = await actualShape(session);
  return {
    missingFromDatabase: [...expected].filter((line) => !actual.has(line)).sort(),
    notInSchema: [...actual].filter((line) => !expected.has(line)).sort(),
  };
};
