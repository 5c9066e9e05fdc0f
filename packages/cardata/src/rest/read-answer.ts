import * as v from 'valibot';
import { CarDataApiError } from '../errors/cardata-errors';

/** Where an answer came from, for the error message (no host, no query, no secret). */
export interface AnswerSource {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

/**
 * The issues of a failed check in words: the dot path and what was expected, at most three, never
 * the value that was received (it could be a VIN, a position or a token).
 */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const described = issues.slice(0, 3).map((issue) => {
    const path = v.getDotPath(issue);
    return `${path === null || path === '' ? 'the answer' : path}: expected ${issue.expected ?? 'another value'}`;
  });
  return issues.length > 3 ? `${described.join('; ')}; and ${issues.length - 3} more` : described.join('; ');
}

/**
 * Reads a successful CarData answer: the body text, its JSON and its schema. A body that is cut
 * off, is not JSON or does not match is a typed `CarDataApiError` (code `api`) naming the endpoint
 * and what did not match; the call has counted against the quota either way.
 */
export async function readAnswer<const Schema extends v.GenericSchema>(
  schema: Schema,
  response: Response,
  source: Omit<AnswerSource, 'status'>,
): Promise<v.InferOutput<Schema>> {
  const where = `${source.method} ${source.path}`;
  const options = {
    status: response.status,
    endpoint: source.path,
    hint: 'BMW sent an answer bimmer cannot read; try again later, and report it as a bimmer bug if it persists.',
    action: 'wait' as const,
  };
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new CarDataApiError(`CarData's answer to ${where} was cut off.`, { ...options, cause });
  }
  let body: unknown;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      throw new CarDataApiError(`CarData's answer to ${where} is not JSON (cut off?).`, options);
    }
  }
  const result = v.safeParse(schema, body);
  if (!result.success) {
    throw new CarDataApiError(
      `CarData's answer to ${where} is not what BMW documents (${describeIssues(result.issues)}).`,
      options,
    );
  }
  return result.output;
}
