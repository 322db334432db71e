/**
 * `categorization_filters`: regular expressions whose matches are removed from a message before it
 * is categorised. They are compiled as regular expressions only, never evaluated as code.
 */

/** Compiles the filters; throws naming the first one that is not a valid regular expression. */
export function compileFilters(filters: readonly string[]): RegExp[] {
  return filters.map((f, i) => {
    try {
      return new RegExp(f, 'g');
    } catch (e) {
      throw new Error(`categorization_filters[${i}] "${f}" is not a valid regular expression: ${(e as Error).message}`);
    }
  });
}

/** The message with every match of every filter removed (filters applied in order). */
export function applyFilters(message: string, filters: readonly RegExp[]): string {
  let text = message;
  for (const re of filters) {
    re.lastIndex = 0;
    text = text.replace(re, '');
  }
  return text;
}
