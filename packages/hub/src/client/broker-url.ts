import { isLoopbackHost } from '../host-address';

/**
 * The broker a hub client connects to: the one the hub names, except that a hub on another machine
 * that names a loopback or wildcard address (its embedded broker on `0.0.0.0`) is reached at the
 * hub's own host name, the one the client already reached the HTTP API at.
 */
export function brokerUrlFor(hubUrl: string, reported: string): string {
  const hub = new URL(hubUrl);
  const broker = new URL(reported);
  const brokerHost = broker.hostname;
  const wildcard = brokerHost === '0.0.0.0' || brokerHost === '[::]';
  if ((isLoopbackHost(brokerHost) || wildcard) && !isLoopbackHost(hub.hostname))
    broker.hostname = hub.hostname;
  return broker.href.replace(/\/$/, '');
}
