/**
 * The collector's HTTPS server ({@code openwecd}'s inbound adapter): {@link org.openwec.adapters.wef.http.WefServer}
 * listens for one {@link org.openwec.adapters.wef.http.CollectorListener}, authenticates machines by mutual TLS,
 * reads WS-Management requests with the codec of {@link org.openwec.adapters.wef}, and calls the core's inbound
 * ports ({@link org.openwec.adapters.wef.http.CollectorPorts}). Statuses and routing follow OpenWEC
 * (docs/reference/server.md); metrics carry OpenWEC's names ({@link org.openwec.adapters.wef.http.ServerMetrics}).
 */
package org.openwec.adapters.wef.http;
