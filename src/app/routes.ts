/** HTTP routes beside Slack's: /healthz for probes, /metrics for Prometheus. */
import type { CustomRoute } from '@slack/bolt';
import type { Metrics } from '../metrics/metrics.js';

export function basicRoutes(metrics: Metrics): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'text/plain' });
        response.end('ok');
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_request, response) => {
        metrics.registry.metrics().then(
          (text) => {
            response.writeHead(200, { 'Content-Type': metrics.registry.contentType });
            response.end(text);
          },
          () => {
            response.writeHead(500);
            response.end();
          },
        );
      },
    },
  ];
}
