/**
 * What the HAProxy gateway routes: the routing table it derives from marathon's apps (service
 * port and virtual-host frontends, backends with their servers) and the problems it found in
 * apps' labels. The gateway's own API serves these records and the console reads them.
 */
package io.mpaas.protocol.gateway;
