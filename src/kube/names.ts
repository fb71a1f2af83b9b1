/** Kubernetes name rules the bot checks user input against before asking the API anything. */

/** Namespaces are DNS-1123 labels: lower-case alphanumerics and '-', at most 63 characters. */
export function isNamespaceName(text: string): boolean {
  return text.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(text);
}

/** Deployments (and most objects) are DNS-1123 subdomains: labels joined by '.', at most 253 characters. */
export function isObjectName(text: string): boolean {
  return text.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(text);
}
