/** `GET pods/{name}/log`: text/plain from the kubelet's log store; `follow=true` keeps the response open. */
import type { ServerResponse } from 'node:http';
import type { SimCluster } from '../cluster.js';
import { errors } from '../errors.js';
import type { PodLogOptions } from '../control-plane/pod-logs.js';
import { pods } from '../resources/pods.js';

export function handleLogs(
  cluster: SimCluster,
  namespace: string,
  name: string,
  query: URLSearchParams,
  response: ServerResponse,
): void {
  // A missing pod is the API server's 404, not the kubelet's 400.
  cluster.api.get(pods, namespace, name);
  const options = logOptions(query);
  const podLogs = cluster.components.podLogs;
  const text = podLogs.read(namespace, name, options);
  if (query.get('follow') !== 'true' || !podLogs.follow) {
    response.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
    return;
  }
  response.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  response.write(text);
  response.flushHeaders();
  const stop = podLogs.follow(
    namespace,
    name,
    options,
    (more) => response.write(more),
    () => response.end(),
  );
  response.on('close', stop);
}

function logOptions(query: URLSearchParams): PodLogOptions {
  const number = (key: string) => {
    const value = query.get(key);
    if (value === null) return undefined;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0)
      throw errors.badRequest(`invalid value for ${key}: ${value}`);
    return parsed;
  };
  const options: PodLogOptions = {
    previous: query.get('previous') === 'true',
    timestamps: query.get('timestamps') === 'true',
  };
  const container = query.get('container');
  if (container) options.container = container;
  const tailLines = number('tailLines');
  if (tailLines !== undefined) options.tailLines = tailLines;
  const sinceSeconds = number('sinceSeconds');
  if (sinceSeconds !== undefined) options.sinceSeconds = sinceSeconds;
  const limitBytes = number('limitBytes');
  if (limitBytes !== undefined) options.limitBytes = limitBytes;
  const sinceTime = query.get('sinceTime');
  if (sinceTime) options.sinceTime = sinceTime;
  return options;
}
