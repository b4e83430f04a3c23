/**
 * Where formatted events go: files (path templates, shared open handles closed when idle), TCP peers
 * (plain or TLS, one connection reused and re-established after a failure) and Unix datagram sockets (one
 * datagram per event, the socket likewise reused and re-established).
 */
package org.openwec.adapters.outputs.driver;
