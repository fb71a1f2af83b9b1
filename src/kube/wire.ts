/**
 * client-node returns model class instances with `Date` fields; the rest of the bot speaks the API's JSON, where
 * timestamps are RFC 3339 strings (the models' property names equal the JSON names for every kind the port
 * serves). The conversion walks the fresh result once and replaces dates in place — a JSON round trip of a
 * 500-pod list cost more than the rest of a diagnosis.
 */
export function toWire<T>(value: unknown): T {
  return datesToStrings(value) as T;
}

function datesToStrings(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) value[index] = datesToStrings(value[index]);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      // Absent optional fields come back as explicit undefined; the API's JSON simply omits them.
      if (child === undefined) delete record[key];
      else if (child !== null && typeof child === 'object') record[key] = datesToStrings(child);
    }
  }
  return value;
}
