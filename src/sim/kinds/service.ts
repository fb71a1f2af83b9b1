/**
 * Service behaviour: `SetDefaults_Service`, the registry's IP/port allocation (kept across updates that omit
 * them, as `patchAllocatedValues` does) and validation.
 */
import type { KubeObject, Service } from '../../kube/types.js';
import { type FieldError, fieldErrors } from '../errors.js';
import type { DefaultingContext } from '../resources/descriptor.js';
import { goStringSlice, invalidGoValue } from './go-format.js';
import { dns1035Label, dns1123Label, validateObjectName } from './names.js';
import { portNumberProblems, SUPPORTED_PROTOCOLS, validatePortNumOrName } from './ports.js';
import { allocateClusterIP, allocateNodePort, NODE_PORT_MAX, NODE_PORT_MIN } from './service-allocation.js';

type ServiceSpec = NonNullable<Service['spec']>;

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const CLIENT_IP_AFFINITY_SECONDS = 10800;

const exposesNodePorts = (type: string | undefined): boolean =>
  type === 'NodePort' || type === 'LoadBalancer';

function applyStaticDefaults(spec: ServiceSpec): void {
  spec.type ||= 'ClusterIP';
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (
    spec.sessionAffinity === 'ClientIP' &&
    spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined
  ) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: CLIENT_IP_AFFINITY_SECONDS } };
  }
  for (const port of spec.ports ?? []) {
    port.protocol ||= 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '')
      port.targetPort = port.port;
  }
  if (exposesNodePorts(spec.type)) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ||= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
}

/** An update that leaves allocated values out keeps the stored ones instead of allocating new ones. */
function keepAllocations(spec: ServiceSpec, old: ServiceSpec | undefined): void {
  if (!old || old.type === 'ExternalName' || spec.type === 'ExternalName') return;
  if (!spec.clusterIP && !spec.clusterIPs?.length) {
    if (old.clusterIP) spec.clusterIP = old.clusterIP;
    if (old.clusterIPs) spec.clusterIPs = [...old.clusterIPs];
  }
  spec.ipFamilies ??= old.ipFamilies && [...old.ipFamilies];
  spec.ipFamilyPolicy ||= old.ipFamilyPolicy;
  if (!exposesNodePorts(spec.type)) return;
  for (const port of spec.ports ?? []) {
    if (port.nodePort) continue;
    const previous = (old.ports ?? []).find(
      (p) => p.port === port.port && (p.protocol ?? 'TCP') === port.protocol,
    );
    if (previous?.nodePort) port.nodePort = previous.nodePort;
  }
}

function allocate(spec: ServiceSpec, context: DefaultingContext): void {
  if (spec.type === 'ExternalName') return;
  spec.clusterIP ||= spec.clusterIPs?.[0] || allocateClusterIP(context);
  if (!spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ||= 'SingleStack';
  if (!exposesNodePorts(spec.type)) return;
  const reserved = new Set((spec.ports ?? []).map((p) => p.nodePort).filter((p): p is number => !!p));
  for (const port of spec.ports ?? []) {
    if (port.nodePort) continue;
    port.nodePort = allocateNodePort(context, reserved);
    reserved.add(port.nodePort);
  }
}

export function defaultService(
  object: KubeObject,
  context: DefaultingContext,
  old: KubeObject | undefined,
): void {
  const service = object as Service;
  const spec = (service.spec ??= {});
  applyStaticDefaults(spec);
  keepAllocations(spec, (old as Service | undefined)?.spec);
  allocate(spec, context);
  if (!old) service.status ??= { loadBalancer: {} };
}

function validatePorts(spec: ServiceSpec): FieldError[] {
  const errors: FieldError[] = [];
  const ports = spec.ports ?? [];
  const headless = spec.type === 'ClusterIP' && spec.clusterIPs?.[0] === 'None';
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName')
    errors.push(fieldErrors.required('spec.ports'));
  const names = new Set<string>();
  for (const [index, port] of ports.entries()) {
    const at = `spec.ports[${index}]`;
    if (!port.name) {
      // With several ports, endpoints and SRV records need names to tell them apart.
      if (ports.length > 1) errors.push(fieldErrors.required(`${at}.name`));
    } else {
      errors.push(...dns1123Label(port.name).map((m) => fieldErrors.invalid(`${at}.name`, port.name, m)));
      if (names.has(port.name)) errors.push(fieldErrors.duplicate(`${at}.name`, port.name));
      names.add(port.name);
    }
    errors.push(...portNumberProblems(port.port).map((m) => fieldErrors.invalid(`${at}.port`, port.port, m)));
    if (port.protocol && !SUPPORTED_PROTOCOLS.includes(port.protocol)) {
      errors.push(fieldErrors.notSupported(`${at}.protocol`, port.protocol, SUPPORTED_PROTOCOLS));
    }
    errors.push(...validatePortNumOrName(port.targetPort, `${at}.targetPort`));
    if (port.nodePort && !exposesNodePorts(spec.type)) {
      errors.push(
        fieldErrors.forbidden(`${at}.nodePort`, `may not be used when \`type\` is '${spec.type ?? ''}'`),
      );
    } else if (port.nodePort && (port.nodePort < NODE_PORT_MIN || port.nodePort > NODE_PORT_MAX)) {
      errors.push(
        fieldErrors.invalid(
          `${at}.nodePort`,
          port.nodePort,
          `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
        ),
      );
    }
  }
  return errors;
}

export function validateService(object: KubeObject, old: KubeObject | undefined): FieldError[] {
  const service = object as Service;
  const spec = service.spec ?? {};
  const errors = validateObjectName(service, dns1035Label);
  if (spec.type && !SERVICE_TYPES.includes(spec.type)) {
    errors.push(fieldErrors.notSupported('spec.type', spec.type, SERVICE_TYPES));
  }
  errors.push(...validatePorts(spec));
  const oldIP = (old as Service | undefined)?.spec?.clusterIPs?.[0];
  const newIP = spec.clusterIPs?.[0];
  if (oldIP && newIP && oldIP !== newIP) {
    errors.push(
      invalidGoValue('spec.clusterIPs[0]', goStringSlice(spec.clusterIPs), 'may not change once set'),
    );
  }
  return errors;
}
