/**
 * Image references the way containerd reports them: `nginx:1.25` is `docker.io/library/nginx:1.25`, an untagged
 * image is `:latest`. Digests, sizes and pull times are derived from the reference by hashing, so every run of
 * the sim shows the same (realistic-looking) values.
 */
import { createHash } from 'node:crypto';

export type ImageRef = {
  /** `docker.io/library/nginx:1.25` (or `…@sha256:…` when pinned by digest). */
  full: string;
  /** `docker.io/library/nginx`. */
  repository: string;
};

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Parses an image name; undefined when it is not a valid reference (InvalidImageName). */
export function parseImage(image: string): ImageRef | undefined {
  if (image === '' || image !== image.trim()) return undefined;
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  const hasDomain = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const domain = hasDomain ? first : 'docker.io';
  const path = hasDomain ? parts.slice(1) : parts;
  if (path.length === 0 || !path.every((component) => COMPONENT.test(component))) return undefined;
  if (domain === 'docker.io' && path.length === 1) path.unshift('library');
  const repository = `${domain}/${path.join('/')}`;
  const full = digest ? `${repository}@${digest}` : `${repository}:${tag ?? 'latest'}`;
  return { full, repository };
}

/** True when the image names no tag or `latest` (and no digest): its default pull policy is Always. */
export function isLatest(image: string): boolean {
  if (image.includes('@')) return false;
  const colon = image.lastIndexOf(':');
  if (colon <= image.lastIndexOf('/')) return true;
  return image.slice(colon + 1) === 'latest';
}

function hash(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function imageDigest(ref: ImageRef): string {
  const pinned = ref.full.split('@')[1];
  return pinned ?? `sha256:${hash(`image:${ref.full}`).toString('hex')}`;
}

/** `docker.io/library/nginx@sha256:…`: the `imageID` of containers running this image. */
export function imageId(ref: ImageRef): string {
  return `${ref.repository}@${imageDigest(ref)}`;
}

/** Between 5 MB and 250 MB. */
export function imageSizeBytes(ref: ImageRef): number {
  return 5_000_000 + (hash(`size:${ref.full}`).readUInt32BE(0) % 245_000_000);
}

/** A fresh pull takes ~0.5 s plus the download at ~60 MB/s; re-pulling a cached image only resolves the manifest. */
export function pullDurationMs(ref: ImageRef, cached: boolean): number {
  const jitter = hash(`pull:${ref.full}`).readUInt16BE(0) % 400;
  if (cached) return 300 + jitter;
  return 500 + jitter + Math.round(imageSizeBytes(ref) / 60_000);
}

/** How long a registry takes to answer that the image does not exist. */
export function failedPullDurationMs(ref: ImageRef): number {
  return 600 + (hash(`fail:${ref.full}`).readUInt16BE(0) % 800);
}

/** `containerd://` + 64 hex characters, unique per pod, container and instance. */
export function containerId(podUid: string, containerName: string, instance: number): string {
  return `containerd://${hash(`container:${podUid}:${containerName}:${instance}`).toString('hex')}`;
}
