/**
 * How the API server's `pods/{name}/log` endpoint reads what a simulated container printed. The kubelet
 * implements it; the error cases are the kubelet's (see reference §3.5), thrown as ApiError 400s.
 */
export type PodLogOptions = {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
};

export type PodLogSource = {
  /** The log text (lines ending in `\n`); throws ApiError for the kubelet's error cases. */
  read(namespace: string, podName: string, options: PodLogOptions): string;
  /**
   * Lines printed after `read`, for `follow=true`; returns the unsubscribe function. `onEnd` is called when the
   * followed container instance has stopped (at once if it already had): the kubelet ends the stream then.
   */
  follow?(
    namespace: string,
    podName: string,
    options: PodLogOptions,
    onText: (text: string) => void,
    onEnd?: () => void,
  ): () => void;
};
