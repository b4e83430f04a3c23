/**
 * The programs: TOML configuration (config), Dagger wiring of the adapter the configuration names
 * (wiring), and the {@code openwec} command line (cli). The only module that knows every other one.
 */
package org.openwec.app;
