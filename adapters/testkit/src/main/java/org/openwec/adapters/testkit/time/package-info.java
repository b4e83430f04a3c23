/**
 * Time that tests move by hand: a {@link org.openwec.adapters.testkit.time.ManualClock} for timestamps and a
 * {@link org.openwec.adapters.testkit.time.ManualScheduler} for periodic work, deadlines and waiting, so that
 * tests of the collector engine (and of the server later) advance time instead of sleeping.
 */
package org.openwec.adapters.testkit.time;
