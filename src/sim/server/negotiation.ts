/** What the client asked for in `Accept` (reference §1.3): Tables, aggregated discovery, or plain JSON. */

export const AGGREGATED_DISCOVERY_CONTENT_TYPE =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function mediaTypes(accept: string | undefined): string[][] {
  return (accept ?? '').split(',').map((entry) => entry.split(';').map((part) => part.trim()));
}

function hasParameters(accept: string | undefined, wanted: Record<string, string>): boolean {
  return mediaTypes(accept).some((parts) => {
    const parameters = new Map(
      parts.slice(1).map((parameter) => {
        const [key, value] = parameter.split('=');
        return [key?.trim(), value?.trim()] as const;
      }),
    );
    return Object.entries(wanted).every(([key, value]) => parameters.get(key) === value);
  });
}

/** `application/json;as=Table;v=v1;g=meta.k8s.io` (kubectl get): answer with a server-side Table. */
export function wantsTable(accept: string | undefined): boolean {
  return (
    hasParameters(accept, { as: 'Table', v: 'v1', g: 'meta.k8s.io' }) ||
    hasParameters(accept, { as: 'Table', v: 'v1beta1', g: 'meta.k8s.io' })
  );
}

export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  return hasParameters(accept, { as: 'APIGroupDiscoveryList', g: 'apidiscovery.k8s.io', v: 'v2' });
}
