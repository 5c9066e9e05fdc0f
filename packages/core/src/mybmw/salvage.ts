import * as v from 'valibot';
import type { SnapshotBlock, SnapshotIssue, SnapshotIssueCode } from '../models/vehicle';

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
 * Returns false when nothing could be dropped (the issue concerns the root).
 */
function dropOffending(issues: readonly v.BaseIssue<unknown>[]): boolean {
  let dropped = false;
  const remove = (item: PathItem | undefined): boolean => {
    if (item === undefined) return false;
    const container = item.input as unknown;
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
 * Parses one block with `schema`. On failure the issues are recorded (with dot paths under
 * `basePath`) and the offending parts are dropped from a copy of the input until the rest parses,
 * so one bad value never discards its neighbours. Returns `undefined` only when nothing usable is left.
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
  let data: unknown;
  try {
    data = structuredClone(input);
  } catch {
    collector.add(block, basePath, 'unusable', 'The block could not be copied for repair; it was dropped.');
    return undefined;
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const result = v.safeParse(schema, data);
    if (result.success) return result.output;
    if (!dropOffending(result.issues)) break;
  }
  collector.add(block, basePath, 'unusable', 'The block could not be repaired; it was dropped.');
  return undefined;
}
