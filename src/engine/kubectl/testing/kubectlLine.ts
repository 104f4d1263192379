/** Test helper: run one command line through the argv splitter and kubectl. */
import { splitCommandLine } from '../argv';
import type { KubectlHost } from '../host';
import { type KubectlResult, runKubectl } from '../run';

export function kubectl(host: KubectlHost, line: string): KubectlResult {
  const words = splitCommandLine(line);
  if (!Array.isArray(words)) throw new Error(words.error);
  if (words[0] !== 'kubectl') throw new Error(`not a kubectl line: ${line}`);
  return runKubectl(words.slice(1), host);
}
