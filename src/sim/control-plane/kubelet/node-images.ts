/** The images each node's container runtime holds: pulled once, then `already present on machine`. */
export class NodeImages {
  readonly #byNode = new Map<string, Set<string>>();

  has(nodeName: string, ref: string): boolean {
    return this.#byNode.get(nodeName)?.has(ref) ?? false;
  }

  add(nodeName: string, ref: string): void {
    const images = this.#byNode.get(nodeName) ?? new Set<string>();
    images.add(ref);
    this.#byNode.set(nodeName, images);
  }
}
