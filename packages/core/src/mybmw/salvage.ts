import * as v from 'valibot';
import type { SnapshotBlock, SnapshotIssue, SnapshotIssueCode } from '../models/vehicle';
import { isJsonObject } from '../util/json-object';

/** Collects issues while one vehicle is parsed; the same path is reported once. */
export class IssueCollector {
  readonly issues: SnapshotIssue[] = [];
  private readonly seen = new Set<string>();

  add(block: SnapshotBlock, path: string, code: SnapshotIssueCode, message: string): void {
    const key = `${code}\u0000${path}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.issues.push({ block, path, code, message });
  }
}

function joinPath(base: string, rest: string | null | undefined): string {
  if (rest === null || rest === undefined || rest === '') return base;
  return base === '' ? rest : `${base}.${rest}`;
}

/** A message that names what was expected, never the received value (it may be a VIN or a position). */
function describe(issue: v.BaseIssue<unknown>): string {
  const last = issue.path?.[issue.path.length - 1];
  if (issue.kind === 'schema' && last !== undefined && 'origin' in last && last.origin === 'key') {
    return 'Required key is missing; the enclosing object was dropped.';
  }
  const expected = issue.expected === null ? issue.type : issue.expected;
  return `Invalid ${issue.kind === 'schema' ? 'type' : 'value'} (expected ${expected}); the value was dropped.`;
}

type PathItem = NonNullable<v.BaseIssue<unknown>['path']>[number];

function hasKey(container: unknown, key: unknown): boolean {
  if (container === null || typeof container !== 'object') return false;
  if (typeof key !== 'string' && typeof key !== 'number') return false;
  return Object.hasOwn(container, key);
}

/**
 * Removes, for every issue, the smallest part of `data` that caused it: the offending value, or
 * (for a missing required key) the object that lacks it. Object keys are deleted; array elements
 * are replaced by `null` (wire arrays accept null items, which the mappers skip), so the indices of
 * the other elements, and with them the paths of later issues, stay those of the input.
 * Returns false when nothing could be dropped (the issue concerns the root, or data that was not copied).
 */
function dropOffending(issues: readonly v.BaseIssue<unknown>[], copy: RepairCopy): boolean {
  let dropped = false;
  const remove = (item: PathItem | undefined): boolean => {
    if (item === undefined) return false;
    const container = item.input as unknown;
    // Only our own copies are ever changed, never the caller's data.
    if (container === null || typeof container !== 'object' || !copy.owns(container)) return false;
    const key = item.key;
    if (Array.isArray(container) && typeof key === 'number') {
      if (container[key] === null || key >= container.length) return false;
      container[key] = null;
      return true;
    }
    if (hasKey(container, key)) {
      delete (container as Record<string | number, unknown>)[key as string | number];
      return true;
    }
    return false;
  };
  for (const issue of issues) {
    const path = issue.path;
    if (path === undefined || path.length === 0) continue;
    const last = path[path.length - 1];
    const missing = last !== undefined && 'origin' in last && last.origin === 'key';
    if (!missing && remove(last)) {
      dropped = true;
      continue;
    }
    if (remove(path[path.length - 2])) dropped = true;
  }
  return dropped;
}

const MAX_ATTEMPTS = 64;

/**
 * How deep the repair copies. Issues lie on paths the schema describes, and no block schema is
 * nested anywhere near this deep, so data below it is never changed and is shared, not copied: a
 * value nested thousands of levels deep costs nothing and cannot exhaust the stack.
 */
const MAX_COPY_DEPTH = 32;

/**
 * Copies of JSON-like data made for one repair: each container is copied once (data shared by
 * several parents stays shared, and a cycle stays a cycle), down to `MAX_COPY_DEPTH` levels.
 */
class RepairCopy {
  readonly #copies = new Map<object, object>();
  readonly #made = new WeakSet<object>();

  /** True for a container this copy made (the repair changes only those, never the caller's data). */
  owns(container: object): boolean {
    return this.#made.has(container);
  }

  /** `value` copied down to `depth` levels; deeper data is shared, not copied. */
  of(value: unknown, depth = MAX_COPY_DEPTH): unknown {
    if (value === null || typeof value !== 'object' || depth <= 0) return value;
    const done = this.#copies.get(value);
    if (done !== undefined) return done;
    const out: unknown[] | Record<string, unknown> = Array.isArray(value) ? [] : {};
    this.#copies.set(value, out);
    this.#made.add(out);
    for (const [key, item] of Object.entries(value))
      (out as Record<string, unknown>)[key] = this.of(item, depth - 1);
    return out;
  }

  /** The keys of `input` that `keys` names, each copied: a new container this copy owns. */
  pick(input: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.#made.add(out);
    for (const key of keys) if (Object.hasOwn(input, key)) out[key] = this.of(input[key]);
    return out;
  }
}

/**
 * The part of `input` a block schema reads, copied for repair: for an object schema only its own
 * keys (the rest of the response is left alone, however large or deep), otherwise the whole value.
 */
function copyBlock(schema: v.GenericSchema, input: unknown, copy: RepairCopy): unknown {
  const entries = (schema as { entries?: unknown }).entries;
  if (schema.type !== 'object' || entries === null || typeof entries !== 'object' || !isJsonObject(input)) {
    return copy.of(input);
  }
  return copy.pick(input, Object.keys(entries));
}

/**
 * Parses one block with `schema`. On failure the issues are recorded (with dot paths under
 * `basePath`) and the offending parts are dropped from a copy of the block's part of the input
 * until the rest parses, so one bad value never discards its neighbours, and nothing outside the
 * block (another block's data, however deeply nested) is copied. Returns `undefined` only when
 * nothing usable is left.
 */
export function parseBlock<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  block: SnapshotBlock,
  basePath: string,
  collector: IssueCollector,
): v.InferOutput<S> | undefined {
  const first = v.safeParse(schema, input);
  if (first.success) return first.output;
  for (const issue of first.issues)
    collector.add(block, joinPath(basePath, v.getDotPath(issue)), 'invalid', describe(issue));
  const copy = new RepairCopy();
  const data = copyBlock(schema, input, copy);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const result = v.safeParse(schema, data);
    if (result.success) return result.output;
    if (!dropOffending(result.issues, copy)) break;
  }
  collector.add(block, basePath, 'unusable', 'The block could not be repaired; it was dropped.');
  return undefined;
}
