/**
 * One simulated cluster in memory: store, API verbs, event recorder and control plane, bootstrapped with what a
 * fresh cluster has (system namespaces, nodes, the `kubernetes` Service). The HTTP server (server/) exposes it;
 * tests can also drive it directly.
 */
import { ClusterApi } from './api/cluster-api.js';
import { seededRandom } from './api/object-meta.js';
import { VirtualClock } from './clock.js';
import { createComponents, type Components } from './control-plane/components.js';
import { ControlPlane } from './control-plane/control-plane.js';
import type { ControllerContext } from './control-plane/controller.js';
import { EventRecorder } from './control-plane/event-recorder.js';
import { bootstrapCluster } from './bootstrap.js';
import { ObjectStore } from './store.js';

export type ClusterOptions = {
  /** Virtual time at start (ms since epoch); defaults to now. */
  startTime?: number;
  /** Seed for names and uids; random when absent. Tests seed it for reproducible names. */
  seed?: number;
  /** Skip the default three nodes (a scenario that declares its own Node objects). */
  withoutDefaultNodes?: boolean;
};

export class SimCluster {
  readonly store = new ObjectStore();
  readonly clock: VirtualClock;
  readonly api: ClusterApi;
  readonly events: EventRecorder;
  readonly components: Components;
  readonly controlPlane: ControlPlane;
  readonly context: ControllerContext;

  constructor(options: ClusterOptions = {}) {
    this.clock = new VirtualClock(options.startTime);
    const random = options.seed === undefined ? Math.random : seededRandom(options.seed);
    this.api = new ClusterApi(this.store, this.clock, random);
    this.events = new EventRecorder(this.api);
    this.context = { api: this.api, clock: this.clock, events: this.events, random };
    this.components = createComponents(this.context);
    this.controlPlane = new ControlPlane(this.api, this.clock, this.components.controllers);
    bootstrapCluster(this.api, { defaultNodes: !options.withoutDefaultNodes });
    this.controlPlane.settle();
  }

  /** Moves virtual time forward, running everything that falls due. */
  advance(ms: number): void {
    this.controlPlane.advance(ms);
  }

  settle(): void {
    this.controlPlane.settle();
  }

  stop(): void {
    this.controlPlane.stopRealTime();
  }
}
