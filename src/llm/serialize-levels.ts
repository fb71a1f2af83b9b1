/**
 * How much of the snapshot goes into the prompt, from generous to minimal. The serializer tries each level in
 * order and keeps the first that fits the token budget. Each step gives up the least useful data first: healthy
 * context (other deployments, events about other objects, services, key lists), then the depth of the failing
 * workload's evidence (logs shortened, fewer pods and events), never the findings themselves.
 */
export type Level = {
  findings: number;
  findingEvidence: number;
  /** Characters kept of any free-text message (status messages, event messages, finding messages). */
  messageChars: number;
  /** Failing workloads shown in full; the diagnosed one always comes first. */
  focusWorkloads: number;
  focusPods: number;
  focusEvents: number;
  logsPerWorkload: number;
  logLines: number;
  lineChars: number;
  /** Env values and probes of the failing workload's containers (env names are always kept). */
  specDetail: boolean;
  contextDeployments: number;
  contextEvents: number;
  contextServices: number;
  keySets: number;
  /** PVCs, quotas, nodes, storage classes, gaps: each list capped to this. */
  otherLines: number;
  /** Unhealthy pods of workloads without a finding. */
  unhealthyOthers: number;
};

const NO_CONTEXT = {
  contextDeployments: 0,
  contextEvents: 0,
  contextServices: 0,
  keySets: 0,
  otherLines: 0,
  unhealthyOthers: 0,
};

// One level per block reads as a table; one field per line would not.
// prettier-ignore
export const LEVELS: readonly Level[] = [
  {
    findings: 20, findingEvidence: 12, messageChars: 400,
    focusWorkloads: 5, focusPods: 12, focusEvents: 25, logsPerWorkload: 4, logLines: 40, lineChars: 300, specDetail: true,
    contextDeployments: 50, contextEvents: 20, contextServices: 30, keySets: 30, otherLines: 20, unhealthyOthers: 10,
  },
  {
    findings: 15, findingEvidence: 10, messageChars: 300,
    focusWorkloads: 3, focusPods: 8, focusEvents: 15, logsPerWorkload: 3, logLines: 25, lineChars: 240, specDetail: true,
    contextDeployments: 25, contextEvents: 10, contextServices: 15, keySets: 15, otherLines: 10, unhealthyOthers: 5,
  },
  {
    findings: 10, findingEvidence: 8, messageChars: 240,
    focusWorkloads: 2, focusPods: 5, focusEvents: 10, logsPerWorkload: 2, logLines: 15, lineChars: 200, specDetail: true,
    contextDeployments: 10, contextEvents: 5, contextServices: 8, keySets: 8, otherLines: 5, unhealthyOthers: 3,
  },
  {
    findings: 8, findingEvidence: 6, messageChars: 200,
    focusWorkloads: 1, focusPods: 3, focusEvents: 8, logsPerWorkload: 2, logLines: 10, lineChars: 160, specDetail: true,
    contextDeployments: 0, contextEvents: 0, contextServices: 4, keySets: 4, otherLines: 3, unhealthyOthers: 0,
  },
  {
    findings: 5, findingEvidence: 4, messageChars: 160,
    focusWorkloads: 1, focusPods: 2, focusEvents: 5, logsPerWorkload: 1, logLines: 6, lineChars: 160, specDetail: false,
    ...NO_CONTEXT,
  },
  {
    findings: 3, findingEvidence: 3, messageChars: 120,
    focusWorkloads: 1, focusPods: 1, focusEvents: 3, logsPerWorkload: 1, logLines: 3, lineChars: 120, specDetail: false,
    ...NO_CONTEXT,
  },
];
