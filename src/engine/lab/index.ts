/** Lab scripts: the headless runner, and one-line execution for the in-app console. */
import { SIM } from '../sim/defaults';

export { type LabLineResult, runLabLine } from './labLine';
export { type ClusterSpec, DEFAULT_CLUSTER, parseClusterArgs, parseLabLine } from './parseLab';
export { type LabIo, type LabResult, labSteps, runLab, withFiles } from './runLab';

/** Simulated time when a lab script's `cluster` is ready (the kubeadm boot the lab runs first). */
export const LAB_CLUSTER_READY_MS: number = SIM.bootMs;
