export {
  endpointChain,
  endpointString,
  externalChain,
  probabilityText,
  serviceChain,
  servicePortName,
} from './chains';
export { buildIptablesTables, type IptablesRule, type IptablesTable } from './iptablesRules';
export { renderIptablesRestore, renderIptablesSave } from './iptablesSave';
export {
  type RealServerCounters,
  realServerKey,
  renderIpvsadm,
  virtualServerKey,
  virtualServers,
} from './ipvsadm';
export {
  type BuildRulesInput,
  buildRules,
  type ProgrammedRules,
  type ProxyEndpoint,
  type ProxyMode,
  type ProxyProtocol,
  type ProxyServicePort,
} from './model';
export { type RouteResult, type RouteTarget, routeRequest } from './route';
