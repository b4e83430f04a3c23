/**
 * The inbound ports: what the programs that drive the core (the {@code openwec} command line, the
 * {@code openwecd} collector server) may ask of it, one use case per interface, named after what an
 * operator or a collector does. Drivers hold these, never a driven port of {@code port.out}.
 */
package org.openwec.core.port.in;
