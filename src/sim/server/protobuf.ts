/**
 * Request bodies in Kubernetes' protobuf encoding. kubectl's typed clients send them: every `kubectl create
 * <generator>` (namespace, configmap, secret, deployment, service …) POSTs `application/vnd.kubernetes.protobuf`.
 * The body is the magic `k8s\0` and a runtime.Unknown {typeMeta{apiVersion, kind}, raw, contentEncoding,
 * contentType}; `raw` is the object's generated message, decoded here by the field numbers of
 * protobuf-schemas.ts into the JSON the rest of the sim takes.
 *
 * Go writes every non-pointer field, empty or not; as in its JSON (omitempty), empty values are dropped — except
 * pointer fields (`replicas: 0` is not "unset"). A non-empty field the schema does not know is refused (415)
 * rather than silently lost.
 */
import { ApiError } from '../errors.js';
import { MESSAGES, type FieldSpec, type Message } from './protobuf-schemas.js';

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type WireField = { field: number; wireType: number; varint?: bigint; bytes?: Buffer };

function readVarint(buffer: Buffer, start: number): [bigint, number] {
  let value = 0n;
  let shift = 0n;
  let position = start;
  for (;;) {
    if (position >= buffer.length || shift > 63n) throw new Error('truncated varint');
    const byte = buffer[position++]!;
    value |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) return [value, position];
  }
}

function readFields(buffer: Buffer): WireField[] {
  const fields: WireField[] = [];
  let position = 0;
  while (position < buffer.length) {
    const [key, next] = readVarint(buffer, position);
    position = next;
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (wireType === 0) {
      const [varint, after] = readVarint(buffer, position);
      fields.push({ field, wireType, varint });
      position = after;
    } else if (wireType === 2) {
      const [length, after] = readVarint(buffer, position);
      const end = after + Number(length);
      if (end > buffer.length) throw new Error('truncated length-delimited field');
      fields.push({ field, wireType, bytes: buffer.subarray(after, end) });
      position = end;
    } else if (wireType === 1 || wireType === 5) {
      position += wireType === 1 ? 8 : 4;
      if (position > buffer.length) throw new Error('truncated fixed-width field');
      fields.push({ field, wireType });
    } else throw new Error(`unsupported wire type ${wireType}`);
  }
  return fields;
}

/**
 * For a field the schema does not know: true when it carries nothing — Go's zero value (0, "", or a message
 * whose fields are all zero). Bytes that do not parse as a message are a non-empty string.
 */
function isEmpty(wire: WireField): boolean {
  if (wire.varint !== undefined) return wire.varint === 0n;
  if (!wire.bytes || wire.bytes.length === 0) return true;
  try {
    return readFields(wire.bytes).every(isEmpty);
  } catch {
    return false;
  }
}

/** Go's zero value for a field of this schema type: 0, false, "", or a message that decodes to nothing. */
function isZero(spec: FieldSpec, wire: WireField): boolean {
  if (wire.varint !== undefined) return wire.varint === 0n;
  const bytes = wire.bytes ?? Buffer.alloc(0);
  if (bytes.length === 0) return true;
  if (spec.type === 'string' || spec.type === 'bytes') return false;
  return Object.keys(decodeFields(spec.type, bytes, spec.name)).length === 0;
}

function scalar(spec: FieldSpec, wire: WireField): unknown {
  switch (spec.type) {
    case 'string':
      return wire.bytes?.toString('utf8') ?? '';
    case 'bytes':
      return (wire.bytes ?? Buffer.alloc(0)).toString('base64');
    case 'int':
      return Number(BigInt.asIntN(64, wire.varint ?? 0n));
    case 'bool':
      return (wire.varint ?? 0n) !== 0n;
    default:
      return decodeMessage(spec.type, wire.bytes ?? Buffer.alloc(0), spec.name);
  }
}

/** A map entry message: key = 1, value = 2. */
function mapEntry(spec: FieldSpec, bytes: Buffer): [string, unknown] {
  let key = '';
  let value: unknown = spec.type === 'string' ? '' : undefined;
  for (const wire of readFields(bytes)) {
    if (wire.field === 1) key = wire.bytes?.toString('utf8') ?? '';
    if (wire.field === 2) value = scalar(spec, wire);
  }
  return [key, value ?? (spec.type === 'bytes' ? '' : {})];
}

function schemaOf(name: string): Message {
  const schema = MESSAGES[name];
  if (!schema) throw new Error(`no protobuf schema for ${name}`);
  return schema;
}

export function decodeMessage(name: string, bytes: Buffer, path = name): Record<string, unknown> {
  const schema = schemaOf(name);
  const object = decodeFields(name, bytes, path);
  return schema.toJson ? (schema.toJson(object) as Record<string, unknown>) : object;
}

/** The message's fields by JSON name, before its `toJson` (so that emptiness can be judged on them). */
function decodeFields(name: string, bytes: Buffer, path: string): Record<string, unknown> {
  const schema = schemaOf(name);
  const object: Record<string, unknown> = {};
  for (const wire of readFields(bytes)) {
    const spec = schema.fields[wire.field];
    if (!spec) {
      if (isEmpty(wire)) continue;
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the simulated cluster cannot decode protobuf field ${wire.field} of ${path}; send JSON (kubectl apply -f, or kubectl create -f)`,
      );
    }
    if (spec.ignore) continue;
    if (spec.map) {
      const [key, value] = mapEntry(spec, wire.bytes ?? Buffer.alloc(0));
      object[spec.name] = { ...(object[spec.name] as object | undefined), [key]: value };
      continue;
    }
    if (!spec.keepZero && !spec.repeated && isZero(spec, wire)) continue;
    const value = scalar(spec, wire);
    if (spec.repeated) object[spec.name] = [...((object[spec.name] as unknown[] | undefined) ?? []), value];
    else object[spec.name] = value;
  }
  return object;
}

/** The JSON object a protobuf request body encodes, or a Status error naming what the sim cannot decode. */
export function decodeKubernetesProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC))
    throw new ApiError(400, 'BadRequest', 'the protobuf body does not start with the k8s magic number');
  try {
    let apiVersion = '';
    let kind = '';
    let raw: Buffer = Buffer.alloc(0);
    for (const wire of readFields(body.subarray(4))) {
      if (wire.field === 1 && wire.bytes) {
        for (const meta of readFields(wire.bytes)) {
          if (meta.field === 1) apiVersion = meta.bytes?.toString('utf8') ?? '';
          if (meta.field === 2) kind = meta.bytes?.toString('utf8') ?? '';
        }
      }
      if (wire.field === 2 && wire.bytes) raw = wire.bytes;
    }
    const message = Object.keys(MESSAGES).find((name) => MESSAGES[name]?.kind === kind);
    if (!message) {
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the simulated cluster cannot decode protobuf for kind ${kind || '(none)'}; send JSON (kubectl apply -f)`,
      );
    }
    return { apiVersion, kind, ...decodeMessage(message, raw) };
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(
      400,
      'BadRequest',
      `the protobuf body could not be decoded: ${(error as Error).message}`,
    );
  }
}
