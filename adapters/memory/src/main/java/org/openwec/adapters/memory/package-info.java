/**
 * The storage ports held in memory: the executable reference of the adapter contracts, mirroring the
 * SQLite adapter (cascades, unique names, flush rule), for tests and for running without a database.
 * Nothing survives the process; migrations only keep their bookkeeping.
 */
package org.openwec.adapters.memory;
