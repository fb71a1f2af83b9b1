/** POST: a new object (apiserver registry Create: name generation, defaults, validation, admission). */
import type { KubeObject } from '../../kube/types.js';
import { errors, fieldErrors } from '../errors.js';
import { apiVersionOf, type ResourceDescriptor } from '../resources/descriptor.js';
import { normalize } from '../store.js';
import type { ApiContext, WriteOptions } from './context.js';
import { toExternal, toStored } from './conversion.js';
import { admit, checkNamespace, defaultAndValidate, stampManagedFields } from './write-common.js';
import { generateName, metadataOf, newUid } from './object-meta.js';

export function createObject(
  context: ApiContext,
  descriptor: ResourceDescriptor,
  namespace: string | undefined,
  body: KubeObject,
  options: WriteOptions,
): KubeObject {
  const object = normalize(body);
  object.apiVersion = apiVersionOf(descriptor);
  object.kind = descriptor.kind;
  const metadata = metadataOf(object);
  const targetNamespace = resolveNamespace(descriptor, namespace, metadata.namespace);
  if (targetNamespace !== undefined) metadata.namespace = targetNamespace;
  else delete metadata.namespace;

  // Clients cannot set what the server owns.
  delete metadata.resourceVersion;
  delete metadata.deletionTimestamp;
  delete metadata.deletionGracePeriodSeconds;
  metadata.uid = newUid(context.random);
  metadata.creationTimestamp = formatNow(context);
  if (descriptor.generation !== 'none') metadata.generation = 1;
  else delete metadata.generation;

  if (!metadata.name && !metadata.generateName) {
    throw errors.invalid(descriptor.kind, descriptor.group, '', [
      fieldErrors.required('metadata.name', 'name or generateName is required'),
    ]);
  }
  if (targetNamespace !== undefined)
    checkNamespace(context, descriptor, targetNamespace, metadata.name ?? '');

  defaultAndValidate(context, descriptor, object, undefined);
  // Admission sees the generateName (real quota messages show `pods "web-5d8f7c9b6-"`): names are generated after.
  admit(context, 'CREATE', descriptor, targetNamespace, object, undefined, options);
  if (!metadata.name)
    metadata.name = uniqueGeneratedName(context, descriptor, targetNamespace, metadata.generateName!);

  if (context.store.get(descriptor.storage, targetNamespace, metadata.name)) {
    throw errors.alreadyExists(descriptor, metadata.name);
  }
  const storedForm = toStored(
    descriptor,
    stampManagedFields(context, descriptor, undefined, object, options),
  );
  if (options.dryRun) return toExternal(descriptor, storedForm);
  return toExternal(descriptor, context.store.put(descriptor.storage, storedForm));
}

function resolveNamespace(
  descriptor: ResourceDescriptor,
  fromUrl: string | undefined,
  fromBody: string | undefined,
): string | undefined {
  if (!descriptor.namespaced) return undefined;
  if (fromUrl && fromBody && fromUrl !== fromBody) {
    throw errors.badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  const namespace = fromUrl ?? fromBody;
  if (!namespace) throw errors.badRequest('an empty namespace may not be set during creation');
  return namespace;
}

function uniqueGeneratedName(
  context: ApiContext,
  descriptor: ResourceDescriptor,
  namespace: string | undefined,
  base: string,
): string {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const candidate = generateName(base, context.random);
    if (!context.store.get(descriptor.storage, namespace, candidate)) return candidate;
  }
  throw errors.alreadyExists(descriptor, base);
}

function formatNow(context: ApiContext): string {
  return context.clock.nowTime();
}
