/**
 * The `entrypoints` behaviour: the executables an image has. A `command[0]` the image lacks makes runc fail the
 * start (RunContainerError, then a StartError exit 128), with the message containerd returns.
 */
import type { Container } from '../../../kube/types.js';
import type { ContainerBehaviour } from './behaviour.js';

/** The default `$PATH` of container images. */
const PATH_DIRECTORIES = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

function split(path: string): { directory: string; file: string } {
  const slash = path.lastIndexOf('/');
  return { directory: path.slice(0, slash), file: path.slice(slash + 1) };
}

function exists(command: string, entrypoints: readonly string[]): boolean {
  if (entrypoints.includes(command)) return true;
  if (command.includes('/')) {
    // An entry without a directory is "on the PATH somewhere": accept it under any path.
    return entrypoints.some((entry) => !entry.includes('/') && split(command).file === entry);
  }
  return entrypoints.some((entry) => {
    const { directory, file } = split(entry);
    return entry.includes('/') && file === command && PATH_DIRECTORIES.includes(directory);
  });
}

export function runtimeStartError(container: Container, behaviour: ContainerBehaviour): string | undefined {
  const command = container.command?.[0];
  if (command === undefined || behaviour.entrypoints === undefined) return undefined;
  if (exists(command, behaviour.entrypoints)) return undefined;
  const cause = command.includes('/')
    ? `exec: "${command}": stat ${command}: no such file or directory`
    : `exec: "${command}": executable file not found in $PATH`;
  return (
    'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: ' +
    `unable to start container process: ${cause}: unknown`
  );
}
