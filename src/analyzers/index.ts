/**
 * The analyzer registry. Adding an analyzer is one file in this folder, one test file, and one line here.
 * Order only breaks ties: the rules diagnosis ranks findings by specificity and confidence.
 */
import type { Analyzer } from './analyzer.js';
import { containerConfigAnalyzer } from './container-config.js';
import { crashLoopAnalyzer } from './crash-loop.js';
import { imagePullAnalyzer } from './image-pull.js';
import { missingEnvAnalyzer } from './missing-env.js';
import { oomAnalyzer } from './oom.js';
import { probesAnalyzer } from './probes.js';
import { pvcPendingAnalyzer } from './pvc-pending.js';
import { quotaAnalyzer } from './quota.js';
import { rolloutAnalyzer } from './rollout.js';
import { scaledToZeroAnalyzer } from './scaled-to-zero.js';
import { serviceEndpointsAnalyzer } from './service-endpoints.js';
import { unschedulableAnalyzer } from './unschedulable.js';

export const analyzers = [
  missingEnvAnalyzer,
  containerConfigAnalyzer,
  imagePullAnalyzer,
  oomAnalyzer,
  crashLoopAnalyzer,
  probesAnalyzer,
  unschedulableAnalyzer,
  quotaAnalyzer,
  pvcPendingAnalyzer,
  scaledToZeroAnalyzer,
  serviceEndpointsAnalyzer,
  rolloutAnalyzer,
] as const satisfies readonly Analyzer[];

export type { Analyzer } from './analyzer.js';
