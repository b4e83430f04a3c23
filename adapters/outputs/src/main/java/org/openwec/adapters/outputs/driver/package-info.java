/**
 * Where formatted events go: files (path templates, shared open handles closed when idle) and TCP peers
 * (plain or TLS, one connection reused and re-established after a failure).
 */
package org.openwec.adapters.outputs.driver;
