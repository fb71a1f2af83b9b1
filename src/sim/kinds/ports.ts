/** Port validation shared by containers, probes and services (apimachinery `IsValidPortNum` / `IsValidPortName`). */
import { type FieldError, fieldErrors } from '../errors.js';

export const PORT_RANGE_MESSAGE = 'must be between 1 and 65535, inclusive';

export function portNumberProblems(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [PORT_RANGE_MESSAGE];
}

/** `IsValidPortName`: an IANA_SVC_NAME (at most 15 characters, a-z, 0-9 and single inner hyphens). */
export function portNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 15) problems.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name))
    problems.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) problems.push('must contain at least one letter (a-z)');
  if (name.includes('--')) problems.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) problems.push('must not begin or end with a hyphen');
  return problems;
}

/** `ValidatePortNumOrName` for an IntOrString: numbers must be a valid port, strings a valid port name. */
export function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'number')
    return portNumberProblems(port).map((m) => fieldErrors.invalid(field, port, m));
  if (typeof port === 'string') return portNameProblems(port).map((m) => fieldErrors.invalid(field, port, m));
  return [fieldErrors.required(field)];
}

export const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
