import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Dialect } from './db.js';

/** Stands in for a value while a query is built; replaced by the value given to each run. */
class Slot {
  constructor(readonly pick: (args: readonly unknown[]) => unknown) {}
}

/** `args[i]`, for building: typed as the value it stands for. */
export function slot<T>(index: number): T {
  return new Slot((args) => args[index]) as T;
}

/** The fields of a row that an insert writes (Kysely leaves out those undefined): its shape. */
export function definedFields(row: object): string {
  return Object.entries(row).flatMap(([key, value]) => (value === undefined ? [] : [key])).join(',');
}

/** A row of slots for an insert: each defined field of `args[index]`. */
export function rowOfSlots<T extends object>(row: T, index: number): T {
  const fields = definedFields(row).split(',').filter(Boolean);
  return Object.fromEntries(fields.map((key) => [key, new Slot((args) => (args[index] as Record<string, unknown>)[key])])) as T;
}

/**
 * A query built and compiled once and then run with new values. Kysely builds and compiles a
 * query's tree anew on every call, which was a fifth of the main thread's time per post; the
 * posting queries repeat the same few shapes. `build` gets slots for the values (`slot(i)` is
 * `args[i]`), and a shape may depend on `shapeOf(args)` (which fields an insert has), each shape
 * compiled once per dialect. The SQL and its parameters are exactly what Kysely would send.
 */
export class ReusedQuery<Args extends unknown[], Row> {
  private readonly compiled = new Map<string, CompiledQuery<Row>>();

  constructor(
    private readonly build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
    private readonly shapeOf: (...args: Args) => string = () => '',
    private readonly slotsFor: (...args: Args) => Args = (...args) => args.map((_, i) => slot(i)) as Args,
  ) {}

  async run(db: Kysely<Database>, dialect: Dialect, ...args: Args): Promise<Row[]> {
    const key = `${dialect}:${this.shapeOf(...args)}`;
    let query = this.compiled.get(key);
    if (!query) {
      query = this.build(db, ...this.slotsFor(...args)).compile();
      this.compiled.set(key, query);
    }
    const parameters = query.parameters.map((p) => (p instanceof Slot ? p.pick(args) : p));
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  }
}
