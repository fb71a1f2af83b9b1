/** What the incident flows need, wired by the composition root. */
import type { Clock } from '../clock.js';
import type { Report } from '../domain/report.js';
import type { KubePort } from '../kube/port.js';
import type { Logger } from '../log.js';
import type { RemediationDeps } from '../remediate/deps.js';
import type { ApproverCheck } from '../slack/approvers.js';
import type { ChatPort } from '../slack/chat-port.js';
import type { StorePort } from '../store/port.js';
import type { IncidentRepository } from './incident-repository.js';

/** Counters the flows report (metrics); every method is optional to call. */
export type IncidentEvents = {
  incidentOpened?(trigger: string): void;
  incidentEnded?(outcome: string, seconds: number): void;
  diagnosed?(seconds: number, source: string): void;
  verified?(healthy: boolean, seconds: number): void;
};

export type IncidentDeps = {
  chat: ChatPort;
  incidents: IncidentRepository;
  store: StorePort;
  kube: KubePort;
  /** The full diagnosis (LLM included when configured). */
  diagnose: (namespace: string, deployment: string | undefined) => Promise<Report>;
  remediation: RemediationDeps;
  isApprover: ApproverCheck;
  clock: Clock;
  logger: Logger;
  settings: {
    /** SRE_APPROVERS as listed, for the card; undefined when unset. */
    approvers: string[] | undefined;
    oncall: string | undefined;
    namespaceAllowed: (namespace: string) => boolean;
    namespaces: string[];
  };
  events?: IncidentEvents;
};
