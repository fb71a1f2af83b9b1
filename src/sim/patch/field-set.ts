/**
 * Field paths and field sets as server-side apply tracks them (sigs.k8s.io/structured-merge-diff `fieldpath`),
 * spelled the way `metadata.managedFields[].fieldsV1` spells them:
 *   `f:<field>` a struct/map field · `k:{"name":"app"}` a keyed list item (keys sorted) ·
 *   `v:"x"` a value of a set list · `i:0` a list index (only when an item cannot be keyed).
 * In fieldsV1 a set is a tree: `{}` marks a leaf member, `".": {}` marks a member that also has children
 * (a list item owned together with some of its fields).
 */

export type PathElement = string;
export type FieldPath = readonly PathElement[];

/** fieldsV1 JSON: nested objects whose leaves are `{}`. */
export type FieldsV1 = { [element: string]: FieldsV1 };

function keyOf(path: FieldPath): string {
  return JSON.stringify(path);
}

/** An immutable-by-convention set of field paths. */
export class FieldSet {
  readonly #paths = new Map<string, FieldPath>();

  constructor(paths: Iterable<FieldPath> = []) {
    for (const path of paths) this.#paths.set(keyOf(path), path);
  }

  get size(): number {
    return this.#paths.size;
  }

  has(path: FieldPath): boolean {
    return this.#paths.has(keyOf(path));
  }

  /** True when `path` or any path below it is in the set (pruning must keep such a node). */
  hasOrContains(path: FieldPath): boolean {
    return (
      this.has(path) || this.paths().some((p) => p.length > path.length && path.every((e, i) => e === p[i]))
    );
  }

  paths(): FieldPath[] {
    return [...this.#paths.values()];
  }

  union(other: FieldSet): FieldSet {
    return new FieldSet([...this.paths(), ...other.paths()]);
  }

  difference(other: FieldSet): FieldSet {
    return new FieldSet(this.paths().filter((p) => !other.has(p)));
  }

  intersection(other: FieldSet): FieldSet {
    return new FieldSet(this.paths().filter((p) => other.has(p)));
  }

  equals(other: FieldSet): boolean {
    return this.size === other.size && this.paths().every((p) => other.has(p));
  }

  /** Encodes as fieldsV1 (`.` first, then elements in sorted order, as the real server writes them). */
  toFieldsV1(): FieldsV1 {
    type Node = { member: boolean; children: Map<string, Node> };
    const root: Node = { member: false, children: new Map() };
    for (const path of this.paths()) {
      let node = root;
      for (const element of path) {
        let next = node.children.get(element);
        if (!next) {
          next = { member: false, children: new Map() };
          node.children.set(element, next);
        }
        node = next;
      }
      node.member = true;
    }
    const encode = (node: Node): FieldsV1 => {
      const out: FieldsV1 = {};
      if (node.member && node.children.size > 0) out['.'] = {};
      const children = [...node.children.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [element, child] of children) out[element] = encode(child);
      return out;
    };
    return encode(root);
  }

  static fromFieldsV1(fields: unknown): FieldSet {
    const paths: FieldPath[] = [];
    const walk = (node: unknown, path: PathElement[]): void => {
      if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
      const entries = Object.entries(node as Record<string, unknown>);
      if (entries.length === 0 && path.length > 0) paths.push(path);
      for (const [element, child] of entries) {
        if (element === '.') paths.push(path);
        else walk(child, [...path, element]);
      }
    };
    walk(fields, []);
    return new FieldSet(paths);
  }
}

/** A Go-style rendering of a key or set value: strings quoted, numbers and booleans bare. */
function renderValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
}

/** `.spec.template.spec.containers[name="api"].image`, as conflict messages print paths. */
export function formatFieldPath(path: FieldPath): string {
  return path
    .map((element) => {
      const body = element.slice(2);
      if (element.startsWith('f:')) return `.${body}`;
      if (element.startsWith('i:')) return `[${body}]`;
      if (element.startsWith('v:')) return `[=${renderValue(JSON.parse(body))}]`;
      const keys = JSON.parse(body) as Record<string, unknown>;
      return `[${Object.entries(keys)
        .map(([k, v]) => `${k}=${renderValue(v)}`)
        .join(',')}]`;
    })
    .join('');
}

/** The `k:{…}` element of a keyed list item: key fields sorted by name, values JSON-encoded. */
export function keyElement(keys: Record<string, unknown>): PathElement {
  const sorted: Record<string, unknown> = {};
  for (const name of Object.keys(keys).sort()) sorted[name] = keys[name];
  return `k:${JSON.stringify(sorted)}`;
}
