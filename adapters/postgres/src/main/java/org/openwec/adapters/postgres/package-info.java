/**
 * The PostgreSQL adapter, tuned for CockroachDB: every operation is one unit (a transaction) retried as a
 * whole with exponential backoff on serialization failures, deadlocks and lost connections, so that several
 * collector nodes can share one database. Registers the reference's PostgreSQL migrations 1 to 15.
 */
package org.openwec.adapters.postgres;
