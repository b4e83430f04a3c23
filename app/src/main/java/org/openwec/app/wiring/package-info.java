/**
 * Dagger wiring: which adapter reaches the configured database, and the core's use cases built on its ports.
 * The only package of the app that sees the driven ports: the command line holds use cases.
 */
package org.openwec.app.wiring;
