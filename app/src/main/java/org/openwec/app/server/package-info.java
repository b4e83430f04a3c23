/**
 * The {@code openwecd} program: reads the settings file, sets up logging, starts the collector server the wiring
 * builds, and answers the Unix signals (SIGTERM and SIGINT stop it in order, SIGHUP reloads the subscriptions and
 * reopens the outputs). A driver: it holds the running server and the core's inbound ports, never a service, a
 * driven port or an adapter.
 */
package org.openwec.app.server;
