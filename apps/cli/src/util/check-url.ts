import { CliUsageError } from '../errors/cli-usage-error';

/** `value` as a URL of one of `protocols`, or a usage error naming the option, so a typo is never a network failure. */
export function checkUrl(name: string, value: string, protocols: readonly string[]): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || !protocols.includes(url.protocol)) {
    throw new CliUsageError(`${name} must be a ${protocols.join(' or ')} URL, got "${value}".`);
  }
  return url;
}
