/**
 * OpenAPI v3 component schemas for the kinds the sim serves, so `kubectl explain deployment.spec.replicas` finds
 * its GVK and walks the fields (kubectl fails with `GVK … not found in OpenAPI schema` without them). They are
 * derived from @kubernetes/client-node's generated models (every field with its type and format; the models
 * carry no descriptions, so explain prints `<empty>` for them). Loaded lazily — only kubectl apply/explain ask
 * for OpenAPI documents — and the client library takes a moment to import.
 */
type Attribute = { name: string; baseName: string; type: string; format: string };
type ModelClass = { getAttributeTypeMap(): Attribute[] };
type Schema = Record<string, unknown>;

export type KindRef = { group: string; version: string; kind: string };

let models: Promise<Record<string, unknown>> | undefined;

function loadModels(): Promise<Record<string, unknown>> {
  models ??= import('@kubernetes/client-node') as Promise<Record<string, unknown>>;
  return models;
}

/** client-node's model class name for a kind (`V1Deployment`; the two Event kinds are prefixed by group). */
function modelName(ref: KindRef): string {
  if (ref.kind === 'Event') return ref.group === 'events.k8s.io' ? 'EventsV1Event' : 'CoreV1Event';
  return `${ref.version.charAt(0).toUpperCase()}${ref.version.slice(1)}${ref.kind}`;
}

/**
 * The schema's key. kubectl explain prints a field's type as the key's last dotted segment, so `V1EnvVar` is
 * filed as `…V1EnvVar.EnvVar` to read `<[]EnvVar>` as on a real cluster (whose keys are `io.k8s.api.core.v1.EnvVar`).
 */
function schemaKey(model: string): string {
  return `io.k8s.sim.${model}.${model.replace(/^[A-Z][a-z]*V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])|^V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/, '')}`;
}

function isModel(value: unknown): value is ModelClass {
  return typeof (value as Partial<ModelClass> | undefined)?.getAttributeTypeMap === 'function';
}

/** `components.schemas` for `kinds` and every model their fields reach, keyed by model name. */
export async function componentSchemas(kinds: KindRef[]): Promise<Record<string, Schema>> {
  const library = await loadModels();
  const schemas: Record<string, Schema> = {};

  const typeSchema = (type: string, format: string): Schema => {
    const array = /^Array<(.+)>$/.exec(type);
    if (array) return { type: 'array', items: typeSchema(array[1]!, format) };
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map) return { type: 'object', additionalProperties: typeSchema(map[1]!, format) };
    switch (type) {
      case 'string':
        return format ? { type: 'string', format } : { type: 'string' };
      case 'number':
        return format === 'double'
          ? { type: 'number', format }
          : { type: 'integer', format: format || 'int64' };
      case 'boolean':
        return { type: 'boolean' };
      case 'Date':
      case 'V1MicroTime':
        return { type: 'string', format: format || 'date-time' };
      case 'IntOrString':
        return { 'x-kubernetes-int-or-string': true };
      case 'any':
      case 'object':
        return { type: 'object' };
      default:
        // A nested model: referenced the way the real document does (allOf around the $ref).
        if (!visit(type)) return { type: 'object' };
        return { allOf: [{ $ref: `#/components/schemas/${schemaKey(type)}` }] };
    }
  };

  function visit(name: string): boolean {
    if (schemas[schemaKey(name)]) return true;
    const model = library[name];
    if (!isModel(model)) return false;
    const schema: Schema = { type: 'object', properties: {} };
    schemas[schemaKey(name)] = schema;
    const properties: Record<string, Schema> = {};
    for (const attribute of model.getAttributeTypeMap()) {
      properties[attribute.baseName] = typeSchema(attribute.type, attribute.format);
    }
    schema.properties = properties;
    return true;
  }

  for (const ref of kinds) {
    const name = modelName(ref);
    if (!visit(name)) continue;
    schemas[schemaKey(name)]!['x-kubernetes-group-version-kind'] = [
      { group: ref.group, version: ref.version, kind: ref.kind },
    ];
  }
  return schemas;
}
