/**
 * Fault injection for tests: make the next N requests matching a method and path fail with a given status, or
 * delay them. How a test proves the bot handles a 403, a 409, a 500 or a slow API server.
 */
import { ApiError, errors } from '../errors.js';
import type { ResourceRoute } from './route.js';

export type FaultRule = {
  /** HTTP method, or `*`. */
  method: string;
  /** A path prefix (`/apis/apps/v1/namespaces/payments/deployments`) or a regular expression source. */
  path: string;
  /** Treat `path` as a regular expression. */
  regex?: boolean;
  /** Fail with this HTTP status (403, 409, 422, 429, 500, 503 …); absent = only delay. */
  status?: number;
  /** Overrides the generated Status message. */
  message?: string;
  /** Wait this long (wall-clock ms) before answering. */
  delayMs?: number;
  /** How many matching requests it applies to; default 1. Infinity while the rule is kept. */
  count?: number;
};

type ActiveRule = FaultRule & { remaining: number };

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export class FaultInjector {
  readonly #rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    this.#rules.push({ ...rule, remaining: rule.count ?? 1 });
  }

  clear(): void {
    this.#rules.length = 0;
  }

  /** The fault for this request, consuming one use of the first matching rule. */
  take(method: string, path: string): FaultRule | undefined {
    const index = this.#rules.findIndex((rule) => matches(rule, method, path));
    if (index === -1) return undefined;
    const rule = this.#rules[index]!;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#rules.splice(index, 1);
    return rule;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== '*' && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  return rule.regex ? new RegExp(rule.path).test(path) : path.startsWith(rule.path);
}

const VERBS: Record<string, string> = {
  GET: 'get',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** The Status a real server would send for that code on that request. */
export function faultError(rule: FaultRule, method: string, path: string, route?: ResourceRoute): ApiError {
  const status = rule.status ?? 500;
  if (route && !rule.message) {
    const verb = route.name === undefined && method === 'GET' ? 'list' : (VERBS[method] ?? 'get');
    const resource = route.subresource
      ? `${route.descriptor.resource}/${route.subresource}`
      : route.descriptor.resource;
    if (status === 403) {
      const scope = route.namespace ? ` in the namespace "${route.namespace}"` : ' at the cluster scope';
      return errors.forbidden(
        route.descriptor,
        route.name,
        `User "system:serviceaccount:sre-bot:sre-bot" cannot ${verb} resource "${resource}" in API group "${route.descriptor.group}"${scope}`,
      );
    }
    if (status === 409 && route.name) return errors.conflict(route.descriptor, route.name);
    if (status === 404 && route.name) return errors.notFound(route.descriptor, route.name);
    if (status === 422 && route.name) {
      return new ApiError(
        422,
        'Invalid',
        `${route.descriptor.kind}${route.descriptor.group ? `.${route.descriptor.group}` : ''} "${route.name}" is invalid: injected validation failure`,
        {
          name: route.name,
          kind: route.descriptor.kind,
          ...(route.descriptor.group ? { group: route.descriptor.group } : {}),
        },
      );
    }
  }
  const reason = REASONS[status] ?? 'InternalError';
  const message = rule.message ?? defaultMessage(status, method, path);
  return new ApiError(status, reason, message, status === 429 ? { retryAfterSeconds: 1 } : undefined);
}

function defaultMessage(status: number, method: string, path: string): string {
  const verb = VERBS[method] ?? 'access';
  switch (status) {
    case 403:
      return `${path} is forbidden: User "system:serviceaccount:sre-bot:sre-bot" cannot ${verb} this resource (injected fault)`;
    case 409:
      return `Operation cannot be fulfilled on ${path}: the object has been modified; please apply your changes to the latest version and try again`;
    case 429:
      return 'the server has received too many requests and has asked us to try again later';
    case 503:
      return 'the server is currently unable to handle the request';
    default:
      return `Internal error occurred: injected fault for ${method} ${path}`;
  }
}
