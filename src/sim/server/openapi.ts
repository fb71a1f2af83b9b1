/**
 * A minimal `/openapi/v3`: enough for kubectl's `--validate=strict` fieldValidation check (reference §2.5):
 * one PATCH operation per kind carrying `x-kubernetes-group-version-kind` and a `fieldValidation` parameter.
 * Strategic merge patch is left out of the request content types on purpose, so kubectl uses its compiled-in
 * patch metadata; the component schemas (openapi-schemas.ts) are there for `kubectl explain`.
 */
import { groupVersions } from './discovery.js';
import { componentSchemas } from './openapi-schemas.js';

const HASH = 'SIM1';

function documentPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

export function openApiRoot() {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const entry of groupVersions()) {
    const path = documentPath(entry.group, entry.version);
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${HASH}` };
  }
  return { paths };
}

/** Built once per group-version: the documents never change and kubectl fetches one on every apply. */
const documents = new Map<string, Promise<unknown>>();

export function openApiDocument(group: string, version: string): Promise<unknown> {
  const key = `${group}/${version}`;
  let document = documents.get(key);
  if (!document) {
    document = buildDocument(group, version);
    documents.set(key, document);
  }
  return document;
}

async function buildDocument(group: string, version: string) {
  const entry = groupVersions().find(
    (candidate) => candidate.group === group && candidate.version === version,
  );
  if (!entry) return undefined;
  const paths: Record<string, unknown> = {};
  for (const descriptor of entry.resources) {
    const prefix = `/${documentPath(group, version)}`;
    const path = descriptor.namespaced
      ? `${prefix}/namespaces/{namespace}/${descriptor.resource}/{name}`
      : `${prefix}/${descriptor.resource}/{name}`;
    paths[path] = {
      patch: {
        'x-kubernetes-group-version-kind': { group, version, kind: descriptor.kind },
        'x-kubernetes-action': 'patch',
        parameters: ['fieldValidation', 'dryRun', 'fieldManager']
          .map((name) => ({
            name,
            in: 'query',
            schema: { type: 'string' },
          }))
          .concat([{ name: 'force', in: 'query', schema: { type: 'boolean' } }]),
        requestBody: {
          required: true,
          content: {
            'application/json-patch+json': { schema: { type: 'object' } },
            'application/merge-patch+json': { schema: { type: 'object' } },
            'application/apply-patch+yaml': { schema: { type: 'object' } },
          },
        },
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths,
    // Schemas for `kubectl explain`. No patch metadata in them, and SMP stays out of the PATCH content types
    // above, so kubectl apply still computes strategic patches from its compiled-in types.
    components: {
      schemas: await componentSchemas(
        entry.resources.map((descriptor) => ({ group, version, kind: descriptor.kind })),
      ),
    },
  };
}
