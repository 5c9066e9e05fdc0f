import { idPlaceholder, isIdPlaceholder } from './identifier';
import { isVinPlaceholder, vinPlaceholder } from './vin';

/**
 * What keeps one recording's replacements consistent: the same VIN (or gcid, usid, event id) maps to
 * the same placeholder everywhere in it, in bodies and in file names, and different ones never share
 * a placeholder. Create one per recording and pass it to every `anonymize` call of that recording;
 * there is no process-wide state, so two recordings never influence each other.
 *
 * The maps hold the original values in memory only; nothing here is ever written out.
 */
export class AnonymizationContext {
  readonly #vins = new Map<string, string>();
  readonly #ids = new Map<string, string>();
  /** Placeholders in use, including ones that were already in the input. */
  readonly #taken = new Set<string>();
  #vinSequence = 0;
  #idSequence = 0;

  /** The placeholder of `vin` (compared case-insensitively); a placeholder maps to itself. */
  vin(vin: string): string {
    const key = vin.toUpperCase();
    if (isVinPlaceholder(key)) {
      this.#taken.add(key);
      return key;
    }
    let replacement = this.#vins.get(key);
    if (replacement === undefined) {
      do replacement = vinPlaceholder(key, ++this.#vinSequence);
      while (this.#taken.has(replacement));
      this.#taken.add(replacement);
      this.#vins.set(key, replacement);
    }
    return replacement;
  }

  /** The placeholder of an account or event id (compared case-insensitively); a placeholder maps to itself. */
  id(id: string): string {
    const key = id.toLowerCase();
    if (isIdPlaceholder(key)) {
      this.#taken.add(key);
      return key;
    }
    let replacement = this.#ids.get(key);
    if (replacement === undefined) {
      do replacement = idPlaceholder(++this.#idSequence);
      while (this.#taken.has(replacement));
      this.#taken.add(replacement);
      this.#ids.set(key, replacement);
    }
    return replacement;
  }

  /**
   * Marks a placeholder that is already in the input as used, so no new value is given the same one.
   * `anonymize` does this for its whole input before replacing anything.
   */
  reserve(placeholder: string): void {
    if (isVinPlaceholder(placeholder)) this.#taken.add(placeholder.toUpperCase());
    else if (isIdPlaceholder(placeholder.toLowerCase())) this.#taken.add(placeholder.toLowerCase());
  }

  /** Which VIN became which placeholder, e.g. for telling the user which file is which car. */
  get vinReplacements(): ReadonlyMap<string, string> {
    return new Map(this.#vins);
  }
}
