/** Lab scripts: the headless runner, and one-line execution for the in-app console. */
export { type LabLineResult, runLabLine } from './labLine';
export { type ClusterSpec, DEFAULT_CLUSTER, parseLabLine } from './parseLab';
export { type LabIo, type LabResult, runLab, withFiles } from './runLab';
