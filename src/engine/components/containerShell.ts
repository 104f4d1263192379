/**
 * What `kubectl exec` needs of the containers' shell (src/engine/process/shell) and of the
 * registry: the image's shell flavor, whether the runtime finds a program in the image, and
 * running one command. The check for the program comes first because the CRI runtime fails such
 * an exec before any process exists (kubeletServer.ts words its error as containerd does); the
 * shell's own runCommand words it as `docker exec` would.
 */
import { normalizeImage } from '../model/images';
import { imageConfig } from '../model/registry';
import { hasCommand, type ShellFlavor } from '../process/shell';
import { isFile, resolvePath } from '../process/shell/files';

export {
  runCommand,
  runSessionLine,
  type ShellFlavor,
  type ShellWorld,
  sessionPrompt,
  startSession,
} from '../process/shell';

/**
 * What /bin/sh is in the image (`none`: no shell, no coreutils, as pause or coredns), from the
 * registry's image config; an image the registry does not know (it never runs) by its name.
 */
export function shellFlavorOf(image: string): ShellFlavor {
  const known = imageConfig(image)?.shell;
  if (known) return known;
  const repo = normalizeImage(image).split(':')[0].split('/').pop() ?? '';
  return repo === 'busybox' || repo === 'alpine' ? 'busybox' : 'none';
}

/** Whether the runtime finds `argv0` in the image: a program of its flavor, or a file at a path. */
export function hasExecutable(
  argv0: string,
  world: { flavor: ShellFlavor; fs: Record<string, string> },
): boolean {
  if (argv0 === '') return false;
  if (hasCommand(argv0, world.flavor)) return true;
  return argv0.includes('/') && isFile(world.fs, resolvePath('/', argv0));
}
