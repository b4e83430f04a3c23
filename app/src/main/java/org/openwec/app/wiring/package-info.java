/**
 * Dagger wiring: opens the backend the configuration names and builds the core's use cases on its ports.
 */
package org.openwec.app.wiring;
