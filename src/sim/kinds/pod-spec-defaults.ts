/**
 * API defaulting of pod specs (kubernetes `pkg/apis/core/v1/defaults.go`): what turns a three-line container into
 * the spec `kubectl get -o yaml` shows. Applies to Pods and to Deployment/ReplicaSet templates alike; pod-only
 * defaults (enableServiceLinks, requests from limits, admission) live in `pod.ts`.
 */
import type { Container, PodTemplateSpec, Probe } from '../../kube/types.js';

export type PodSpec = NonNullable<PodTemplateSpec['spec']>;
type HttpGet = NonNullable<Probe['httpGet']>;
type Volume = NonNullable<PodSpec['volumes']>[number];

/** Octal 0644, as the API writes it. */
const DEFAULT_FILE_MODE = 420;

/**
 * `SetDefaults_Container`: `Always` when the image's tag is `latest` (or it has neither tag nor digest), else
 * `IfNotPresent`. The tag is what follows the last `:` of the last path component (`localhost:5000/app` has none).
 */
export function defaultImagePullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  if (!image) return 'IfNotPresent';
  const [repository = '', digest] = image.split('@');
  const lastComponent = repository.slice(repository.lastIndexOf('/') + 1);
  const colon = lastComponent.lastIndexOf(':');
  const tag = colon >= 0 ? lastComponent.slice(colon + 1) : digest ? '' : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHttpGet(action: HttpGet | undefined): void {
  if (!action) return;
  action.path ||= '/';
  action.scheme ||= 'HTTP';
}

/** `SetDefaults_Probe` plus the handler's defaults. */
export function defaultProbe(probe: Probe | undefined): void {
  if (!probe) return;
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  defaultHttpGet(probe.httpGet);
}

export function defaultContainer(container: Container): void {
  container.imagePullPolicy ||= defaultImagePullPolicy(container.image);
  container.terminationMessagePath ||= '/dev/termination-log';
  container.terminationMessagePolicy ||= 'File';
  // Not a default in Go, but the struct is never omitted from JSON, so real objects always show `resources: {}`.
  container.resources ??= {};
  for (const port of container.ports ?? []) port.protocol ||= 'TCP';
  for (const env of container.env ?? []) {
    const fieldRef = env.valueFrom?.fieldRef;
    if (fieldRef) fieldRef.apiVersion ||= 'v1';
  }
  defaultProbe(container.livenessProbe);
  defaultProbe(container.readinessProbe);
  defaultProbe(container.startupProbe);
  defaultHttpGet(container.lifecycle?.postStart?.httpGet);
  defaultHttpGet(container.lifecycle?.preStop?.httpGet);
}

/** `SetDefaults_Volume` and the volume sources' defaultMode: a volume without a source is an emptyDir. */
function defaultVolume(volume: Volume): void {
  const sources = Object.keys(volume).filter((key) => key !== 'name');
  if (sources.length === 0) volume.emptyDir = {};
  if (volume.secret) volume.secret.defaultMode ??= DEFAULT_FILE_MODE;
  if (volume.configMap) volume.configMap.defaultMode ??= DEFAULT_FILE_MODE;
  if (volume.projected) volume.projected.defaultMode ??= DEFAULT_FILE_MODE;
  if (volume.downwardAPI) volume.downwardAPI.defaultMode ??= DEFAULT_FILE_MODE;
}

/** `SetDefaults_PodSpec` and everything below it. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ||= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ||= 'default-scheduler';
  spec.containers ??= [];
  for (const container of spec.containers) defaultContainer(container);
  for (const container of spec.initContainers ?? []) defaultContainer(container);
  for (const volume of spec.volumes ?? []) defaultVolume(volume);
}

/**
 * A workload's pod template: its spec defaults, plus `metadata.creationTimestamp: null`, which Go's encoder
 * writes for every embedded ObjectMeta (and `kubectl rollout undo` sends back).
 */
export function defaultPodTemplate(template: PodTemplateSpec): void {
  const metadata = (template.metadata ??= {}) as Record<string, unknown>;
  if (metadata['creationTimestamp'] === undefined) metadata['creationTimestamp'] = null;
  template.spec ??= { containers: [] };
  defaultPodSpec(template.spec);
}
