import { describe, expect, it } from 'vitest';
import type { Service } from '../../../src/kube/types.js';
import { services } from '../../../src/sim/resources/services.js';
import { ObjectStore } from '../../../src/sim/store.js';
import { context, rendered } from './helpers.js';

const service = (spec: Service['spec'], name = 'web'): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'demo' },
  spec,
});

describe('service defaults', () => {
  it('makes a minimal ClusterIP service look like a real one', () => {
    const svc = service({ selector: { app: 'web' }, ports: [{ port: 80 }] });
    services.defaults!(svc, context(), undefined);
    const ip = svc.spec?.clusterIP ?? '';
    expect(ip).toMatch(/^10\.96\.(\d+)\.(\d+)$/);
    expect(Number(ip.split('.')[2])).toBeGreaterThanOrEqual(1);
    expect(svc.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      clusterIP: ip,
      clusterIPs: [ip],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
    expect(svc.status).toEqual({ loadBalancer: {} });
  });

  it('allocates cluster IPs and node ports not used by stored services', () => {
    const store = new ObjectStore();
    const taken = new Set<string>();
    const ports = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const svc = service({ type: 'NodePort', ports: [{ port: 80 }] }, `svc-${i}`);
      // Same seed every time: without checking the store, every service would get the same IP.
      services.defaults!(svc, context(store), undefined);
      store.put('core/services', svc);
      taken.add(svc.spec!.clusterIP!);
      const nodePort = svc.spec!.ports![0]!.nodePort!;
      expect(nodePort).toBeGreaterThanOrEqual(30000);
      expect(nodePort).toBeLessThanOrEqual(32767);
      ports.add(nodePort);
    }
    expect([taken.size, ports.size]).toEqual([20, 20]);
  });

  it('keeps the allocated IP and node port when an update leaves them out', () => {
    const old = service({ type: 'NodePort', ports: [{ port: 80 }] });
    services.defaults!(old, context(), undefined);
    const update = service({ type: 'NodePort', ports: [{ port: 80 }] });
    services.defaults!(update, context(), old);
    expect(update.spec?.clusterIP).toBe(old.spec?.clusterIP);
    expect(update.spec?.ports?.[0]?.nodePort).toBe(old.spec?.ports?.[0]?.nodePort);
    expect(update.spec?.externalTrafficPolicy).toBe('Cluster');
  });

  it('gives ExternalName services no cluster IP, and ClientIP affinity its timeout', () => {
    const external = service({ type: 'ExternalName', externalName: 'db.example.com' });
    services.defaults!(external, context(), undefined);
    expect(external.spec?.clusterIP).toBeUndefined();
    expect(external.spec?.internalTrafficPolicy).toBeUndefined();
    const sticky = service({ sessionAffinity: 'ClientIP', ports: [{ port: 80, targetPort: 'http' }] });
    services.defaults!(sticky, context(), undefined);
    expect(sticky.spec?.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect(sticky.spec?.ports?.[0]?.targetPort).toBe('http');
  });
});

describe('service validation', () => {
  it.each<[string, Service, string[]]>([
    ['valid', service({ ports: [{ port: 80 }] }), []],
    ['ClusterIP without ports', service({}), ['spec.ports: Required value']],
    ['headless without ports is fine', service({ clusterIP: 'None' }), []],
    [
      'port out of range',
      service({ ports: [{ port: 0, targetPort: 8080 }] }),
      ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'],
    ],
    [
      'unnamed ports among several',
      service({ ports: [{ port: 80, name: 'http' }, { port: 443 }] }),
      ['spec.ports[1].name: Required value'],
    ],
    [
      'node port outside the range',
      service({ type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] }),
      [
        'spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
      ],
    ],
    [
      'name that is not a DNS-1035 label',
      service({ ports: [{ port: 80 }] }, '1web'),
      [
        `metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      ],
    ],
    [
      'unknown type',
      service({ type: 'Internal', ports: [{ port: 80 }] }),
      [
        'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      ],
    ],
  ])('%s', (_name, svc, expected) => {
    services.defaults!(svc, context(), undefined);
    expect(rendered(services.validate!(svc, undefined))).toEqual(expected);
  });

  it('refuses to change the cluster IP', () => {
    const old = service({ ports: [{ port: 80 }], clusterIP: '10.96.5.5' });
    services.defaults!(old, context(), undefined);
    const update = service({ ports: [{ port: 80 }], clusterIP: '10.96.6.6' });
    services.defaults!(update, context(), old);
    expect(rendered(services.validate!(update, old))).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.6.6"}: may not change once set',
    ]);
  });
});
