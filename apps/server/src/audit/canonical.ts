/**
 * JSON with object keys sorted at every level, so a record hashes the same after a round trip through jsonb. Written
 * out in one pass (no sorted copy of the value is built first): it gives exactly what `JSON.stringify` gives for the
 * value with its keys sorted (a sorted copy lists index keys such as "9" and "10" first, in numeric order) — undefined, function and symbol members left out of objects and written as null in
 * arrays, dates as their ISO text, non-finite numbers as null.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? JSON.stringify(value);
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An array-index key ("0", "7", "10"; at most 2³² − 2), which a JavaScript object always lists first, in numeric order. */
const isIndexKey = (key: string) => {
  const first = key.charCodeAt(0);
  // Most keys start with a letter: no pattern to run for them.
  return first >= 48 && first <= 57 && /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;
};

/**
 * The order canonical text lists an object's keys in: the one a sorted copy of it has — index keys first, ascending
 * (a JavaScript object keeps them so whatever order they are added in, and Object.keys already lists them that way),
 * then the others by UTF-16 code unit.
 */
function canonicalKeys(record: object): string[] {
  const keys = Object.keys(record);
  let indexKeys = 0;
  while (indexKeys < keys.length && isIndexKey(keys[indexKeys]!)) indexKeys++;
  if (indexKeys === 0) return keys.sort(byCodeUnit);
  return [...keys.slice(0, indexKeys), ...keys.slice(indexKeys).sort(byCodeUnit)];
}

/** The canonical text of a value, or undefined where JSON has none (undefined, a function, a symbol). */
function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      break;
  }
  if (value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i ? ',' : ''}${write(value[i]) ?? 'null'}`;
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of canonicalKeys(record)) {
    const member = write(record[key]);
    if (member === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${member}`;
    first = false;
  }
  return `${out}}`;
}
