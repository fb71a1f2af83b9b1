/**
 * metav1.Status errors, with the exact reasons and messages of the real API server
 * (apimachinery pkg/api/errors). Every failure the simulated API server returns is an ApiError.
 */
export type StatusCause = { reason?: string; message: string; field?: string };

export type StatusDetails = {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
};

export type Status = {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
};

export class ApiError extends Error {
  readonly status: Status;
  constructor(code: number, reason: string, message: string, details?: StatusDetails) {
    super(message);
    this.name = 'ApiError';
    this.status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details ? { details } : {}),
      code,
    };
  }
  get code(): number {
    return this.status.code;
  }
}

/** What errors name: the resource (plural) and its API group. */
export type ResourceRef = { group: string; resource: string };

/** `deployments.apps` for grouped resources, `pods` for core ones. */
export function qualifiedResource(ref: ResourceRef): string {
  return ref.group ? `${ref.resource}.${ref.group}` : ref.resource;
}

function details(ref: ResourceRef, name?: string): StatusDetails {
  return {
    ...(name !== undefined ? { name } : {}),
    ...(ref.group ? { group: ref.group } : {}),
    kind: ref.resource,
  };
}

export const errors = {
  notFound(ref: ResourceRef, name: string): ApiError {
    return new ApiError(404, 'NotFound', `${qualifiedResource(ref)} "${name}" not found`, details(ref, name));
  },
  unknownPath(): ApiError {
    return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
  },
  alreadyExists(ref: ResourceRef, name: string): ApiError {
    return new ApiError(
      409,
      'AlreadyExists',
      `${qualifiedResource(ref)} "${name}" already exists`,
      details(ref, name),
    );
  },
  conflict(ref: ResourceRef, name: string): ApiError {
    return new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(ref)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      details(ref, name),
    );
  },
  conflictWithMessage(ref: ResourceRef, name: string, message: string): ApiError {
    return new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(ref)} "${name}": ${message}`,
      details(ref, name),
    );
  },
  /** 422: `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be …`. */
  invalid(kind: string, group: string, name: string, causes: FieldError[]): ApiError {
    const qualifiedKind = group ? `${kind}.${group}` : kind;
    const rendered = causes.map((c) => `${c.field}: ${c.message}`);
    const message =
      rendered.length === 1
        ? `${qualifiedKind} "${name}" is invalid: ${rendered[0]}`
        : `${qualifiedKind} "${name}" is invalid: [${rendered.join(', ')}]`;
    return new ApiError(422, 'Invalid', message, {
      name,
      ...(group ? { group } : {}),
      kind,
      causes: causes.map((c) => ({ reason: c.reason, message: c.message, field: c.field })),
    });
  },
  /** The generic 422 of a JSON patch that cannot be applied (the server drops the underlying text). */
  patchRejected(): ApiError {
    return new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
  },
  forbidden(ref: ResourceRef, name: string | undefined, reason: string): ApiError {
    const subject = name !== undefined ? `${qualifiedResource(ref)} "${name}"` : qualifiedResource(ref);
    return new ApiError(403, 'Forbidden', `${subject} is forbidden: ${reason}`, details(ref, name));
  },
  badRequest(message: string): ApiError {
    return new ApiError(400, 'BadRequest', message);
  },
  gone(message: string): ApiError {
    return new ApiError(410, 'Expired', message);
  },
  methodNotAllowed(): ApiError {
    return new ApiError(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    );
  },
  unsupportedMediaType(accepted: string[]): ApiError {
    return new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    );
  },
  internal(message: string): ApiError {
    return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, {
      causes: [{ message }],
    });
  },
  tooManyRequests(
    message = 'the server has received too many requests and has asked us to try again later',
  ): ApiError {
    return new ApiError(429, 'TooManyRequests', message, { retryAfterSeconds: 1 });
  },
};

/** One validation failure, rendered as `field: message` (message starts with `Invalid value: …`, `Required value` …). */
export type FieldError = {
  field: string;
  reason:
    | 'FieldValueInvalid'
    | 'FieldValueRequired'
    | 'FieldValueNotSupported'
    | 'FieldValueDuplicate'
    | 'FieldValueForbidden';
  message: string;
};

export const fieldErrors = {
  invalid(field: string, value: unknown, detail: string): FieldError {
    const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
    return { field, reason: 'FieldValueInvalid', message: `Invalid value: ${shown}: ${detail}` };
  },
  required(field: string, detail = ''): FieldError {
    return {
      field,
      reason: 'FieldValueRequired',
      message: detail ? `Required value: ${detail}` : 'Required value',
    };
  },
  notSupported(field: string, value: unknown, supported: string[]): FieldError {
    return {
      field,
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
    };
  },
  forbidden(field: string, detail: string): FieldError {
    return { field, reason: 'FieldValueForbidden', message: `Forbidden: ${detail}` };
  },
  duplicate(field: string, value: unknown): FieldError {
    return { field, reason: 'FieldValueDuplicate', message: `Duplicate value: ${JSON.stringify(value)}` };
  },
};
