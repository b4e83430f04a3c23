/**
 * The contract every storage adapter must pass, written once: one abstract test class per port plus the
 * migration engine, and the test data they share. To add a database backend, implement the ports and
 * extend each contract with a factory for a fresh, migrated {@link org.openwec.core.port.out.Storage}.
 * {@link org.openwec.adapters.testkit.FaultyStorage} wraps any storage to inject failures and hold calls in
 * the tests of the services that use it; the contracts run on it too.
 */
package org.openwec.adapters.testkit;
