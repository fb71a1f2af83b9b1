/**
 * client-node returns model class instances with `Date` fields; the rest of the bot speaks the API's JSON.
 * A JSON round trip turns dates into RFC 3339 strings (the models' property names equal the JSON names for
 * every kind the port serves).
 */
export function toWire<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
