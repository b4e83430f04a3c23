/**
 * The SQLite adapter, the embedded default: implements every port on one database file with Jdbi and
 * sqlite-jdbc, and registers the reference's SQLite migrations 1 to 14. Every connection enforces
 * foreign keys, uses WAL and a busy timeout, and commits durably (synchronous FULL unless configured).
 */
package org.openwec.adapters.sqlite;
