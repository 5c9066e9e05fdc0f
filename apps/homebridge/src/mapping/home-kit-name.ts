/** HomeKit's naming rule, as HAP-NodeJS checks it: a letter or digit at both ends, common punctuation inside. */
export const HOMEKIT_NAME = /^[\p{L}\p{N}][\p{L}\p{N}\p{Zs}\u2019'&!._:;()/,-]*[\p{L}\p{N}]$|^[\p{L}\p{N}]$/u;

/**
 * A name Home accepts (and Siri can say): unsupported characters dropped, a trailing
 * parenthesis turned into words (`i3s 94 (+ REX)` -> `i3s 94 REX`), no punctuation at either end.
 * Model names from BMW and prefixes from users both go through it.
 */
export function homeKitName(text: string, fallback = 'Car'): string {
  let name = text
    .replace(/[^\p{L}\p{N}\p{Zs}\u2019'&!._:;()/,-]/gu, '')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .replace(/\s*\(([^()]*)\)\s*$/u, ' $1')
    .replace(/\p{Zs}+/gu, ' ');
  name = name.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[^\p{L}\p{N}]+$/u, '');
  return HOMEKIT_NAME.test(name) ? name : fallback;
}
