import { describe, expect, it } from 'vitest';
import type { SimCluster } from '../../../../src/sim/cluster.js';
import {
  advanceUntil,
  condition,
  container,
  createPod,
  elapsedSeconds,
  eventCount,
  getPod,
  logs,
  newCluster,
  stateOf,
  status,
} from './harness.js';

type Change = { second: number; state: string; restarts: number; message: string | undefined };

/** Every change of the web container's state over `seconds`, one virtual second at a time. */
function watchStates(cluster: SimCluster, name: string, seconds: number): Change[] {
  const changes: Change[] = [];
  for (let i = 0; i <= seconds; i += 1) {
    const web = status(cluster, name);
    const change = {
      second: elapsedSeconds(cluster),
      state: stateOf(cluster, name),
      restarts: web.restartCount ?? 0,
      message: web.state?.waiting?.message,
    };
    const last = changes[changes.length - 1];
    if (
      !last ||
      last.state !== change.state ||
      last.restarts !== change.restarts ||
      last.message !== change.message
    )
      changes.push(change);
    cluster.advance(1000);
  }
  return changes;
}

function crashLoopPod(cluster: SimCluster) {
  return createPod(cluster, 'api', {
    behaviour: { 'requires-env': 'DATABASE_URL', logs: 'starting api v1.4.2' },
    spec: { nodeSelector: { 'kubernetes.io/hostname': 'node-1' } },
  });
}

describe('kubelet: a program that exits', () => {
  it('crash-loops: Error, an immediate first restart, then CrashLoopBackOff 10s, 20s, 40s, 1m20s counted from each exit', () => {
    const cluster = newCluster();
    const pod = crashLoopPod(cluster);
    const uid = pod.metadata?.uid ?? '';
    const changes = watchStates(cluster, 'api', 150);
    const crashLoops = changes.filter((c) => c.state === 'waiting:CrashLoopBackOff');
    expect(crashLoops.map((c) => c.message)).toEqual([
      `back-off 10s restarting failed container=web pod=api_demo(${uid})`,
      `back-off 20s restarting failed container=web pod=api_demo(${uid})`,
      `back-off 40s restarting failed container=web pod=api_demo(${uid})`,
      `back-off 1m20s restarting failed container=web pod=api_demo(${uid})`,
    ]);
    // The first exit shows as Error (restartCount 0), and is restarted without back-off.
    const firstError = changes.find((c) => c.state === 'terminated:Error:1');
    expect(firstError?.restarts).toBe(0);
    const starts = changes.filter((c) => c.state === 'running');
    expect(starts.map((c) => c.restarts)).toEqual([0, 1, 2, 3, 4]);
    // Restart n+1 comes `back-off` seconds after the run before it finished (runs finish the instant they start).
    const delays = starts.slice(1).map((start, i) => start.second - (starts[i]?.second ?? 0));
    expect(delays).toEqual([2, 10, 20, 40]);
    // A crash-looping pod under restartPolicy Always stays Running, not Ready.
    expect(getPod(cluster, 'api').status?.phase).toBe('Running');
    expect(condition(cluster, 'api', 'Ready').status).toBe('False');
  });

  it('records BackOff every pod sync while backing off, and the last termination in lastState', () => {
    const cluster = newCluster();
    const pod = crashLoopPod(cluster);
    const message = `Back-off restarting failed container web in pod api_demo(${pod.metadata?.uid})`;
    advanceUntil(
      cluster,
      () => status(cluster, 'api').state?.waiting?.message?.startsWith('back-off 40s') === true,
      200,
    );
    const countAtStart = eventCount(cluster, 'api', 'BackOff', message);
    cluster.advance(30_000);
    expect(eventCount(cluster, 'api', 'BackOff', message)).toBe(countAtStart + 3);

    const web = status(cluster, 'api');
    expect(web.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(web.lastState?.terminated?.containerID).toBe(web.containerID);
    expect(web.ready).toBe(false);
    expect(web.started).toBe(false);
    expect(eventCount(cluster, 'api', 'Started', 'Started container web')).toBe(4);
    expect(
      eventCount(cluster, 'api', 'Pulled', 'Container image "nginx:1.25" already present on machine'),
    ).toBe(3);
  });

  it('logs what the program printed: the last run while backing off, the current and previous run once restarted', () => {
    const cluster = newCluster();
    crashLoopPod(cluster);
    const printed = 'starting api v1.4.2\nError: environment variable DATABASE_URL is not set\n';
    advanceUntil(cluster, () => stateOf(cluster, 'api') === 'waiting:CrashLoopBackOff', 30);
    expect(logs(cluster, 'api')).toBe(printed);
    expect(logs(cluster, 'api', { previous: true })).toBe(printed);
    const lastRun = logs(cluster, 'api', { timestamps: true });

    advanceUntil(cluster, () => stateOf(cluster, 'api') === 'running', 30);
    const currentRun = logs(cluster, 'api', { timestamps: true });
    expect(currentRun).not.toBe(lastRun);
    expect(logs(cluster, 'api', { previous: true, timestamps: true })).toBe(lastRun);
    expect(currentRun.split('\n')[0]).toMatch(/^2026-01-01T00:00:\d\d\.000000000Z starting api v1\.4\.2$/);
  });

  it('takes the missing-env-log template and a per-container key', () => {
    const cluster = newCluster();
    createPod(cluster, 'two', {
      behaviour: { 'requires-env.worker': 'QUEUE,TOKEN', 'missing-env-log': 'FATAL: {name} missing' },
      spec: {
        containers: [container(), container({ name: 'worker', env: [{ name: 'QUEUE', value: 'jobs' }] })],
      },
    });
    advanceUntil(cluster, () => stateOf(cluster, 'two', 'worker') === 'terminated:Error:1', 20);
    expect(stateOf(cluster, 'two', 'web')).toBe('running');
    expect(logs(cluster, 'two', { container: 'worker' })).toBe('FATAL: TOKEN missing\n');
  });

  it('exits with exit-code after exit-after-seconds; restartPolicy Never makes the pod Failed', () => {
    const cluster = newCluster();
    createPod(cluster, 'job', {
      behaviour: { 'exit-code': '2', 'exit-after-seconds': '5' },
      spec: { restartPolicy: 'Never' },
    });
    advanceUntil(cluster, () => stateOf(cluster, 'job') === 'running', 10);
    const startedAt = Date.parse(status(cluster, 'job').state?.running?.startedAt ?? '');
    advanceUntil(cluster, () => stateOf(cluster, 'job') !== 'running', 10);
    const terminated = status(cluster, 'job').state?.terminated;
    expect(terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(Date.parse(terminated?.finishedAt ?? '') - startedAt).toBe(5000);
    expect(getPod(cluster, 'job').status?.phase).toBe('Failed');
    expect(condition(cluster, 'job', 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
    cluster.advance(120_000);
    expect(status(cluster, 'job').restartCount).toBe(0);
  });

  it('completes: exit 0 under OnFailure is Completed and the pod Succeeded; under Always it is restarted', () => {
    const cluster = newCluster();
    createPod(cluster, 'once', {
      behaviour: { 'exit-code': '0', 'exit-after-seconds': '3' },
      spec: { restartPolicy: 'OnFailure' },
    });
    createPod(cluster, 'again', { behaviour: { 'exit-code': '0', 'exit-after-seconds': '3' } });
    cluster.advance(30_000);
    expect(stateOf(cluster, 'once')).toBe('terminated:Completed:0');
    expect(getPod(cluster, 'once').status?.phase).toBe('Succeeded');
    expect(condition(cluster, 'once', 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(status(cluster, 'again').restartCount).toBeGreaterThanOrEqual(2);
    expect(getPod(cluster, 'again').status?.phase).toBe('Running');
  });

  it('restarts at once again after a run longer than 10 minutes (the back-off entry expired)', () => {
    const cluster = newCluster();
    createPod(cluster, 'short', { behaviour: { 'exit-code': '1', 'exit-after-seconds': '300' } });
    createPod(cluster, 'long', { behaviour: { 'exit-code': '1', 'exit-after-seconds': '605' } });
    const seen = new Set<string>();
    for (let second = 0; second < 2600; second += 5) {
      seen.add(`short:${stateOf(cluster, 'short')}`);
      seen.add(`long:${stateOf(cluster, 'long')}`);
      cluster.advance(5000);
    }
    expect(seen.has('short:waiting:CrashLoopBackOff')).toBe(true);
    expect(seen.has('long:waiting:CrashLoopBackOff')).toBe(false);
    expect(status(cluster, 'long').restartCount).toBe(4);
  });
});

describe('kubelet: OOMKilled', () => {
  it('kills a program whose working set exceeds the memory limit a few seconds in (137), then backs off', () => {
    const cluster = newCluster();
    const resources = { limits: { memory: '256Mi' } };
    createPod(cluster, 'hungry', {
      behaviour: { memory: '300Mi' },
      spec: { containers: [container({ resources })] },
    });
    advanceUntil(cluster, () => stateOf(cluster, 'hungry') === 'running', 10);
    const startedAt = Date.parse(status(cluster, 'hungry').state?.running?.startedAt ?? '');
    advanceUntil(cluster, () => stateOf(cluster, 'hungry') !== 'running', 10);
    const terminated = status(cluster, 'hungry').state?.terminated;
    expect(terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(Date.parse(terminated?.finishedAt ?? '') - startedAt).toBe(3000);

    advanceUntil(cluster, () => stateOf(cluster, 'hungry') === 'waiting:CrashLoopBackOff', 30);
    expect(status(cluster, 'hungry').lastState?.terminated).toMatchObject({
      exitCode: 137,
      reason: 'OOMKilled',
    });
  });

  it('leaves a program alone while its working set fits the limit', () => {
    const cluster = newCluster();
    const resources = { limits: { memory: '512Mi' } };
    createPod(cluster, 'fits', {
      behaviour: { memory: '300Mi' },
      spec: { containers: [container({ resources })] },
    });
    cluster.advance(60_000);
    expect(stateOf(cluster, 'fits')).toBe('running');
    expect(status(cluster, 'fits').restartCount).toBe(0);
  });
});
