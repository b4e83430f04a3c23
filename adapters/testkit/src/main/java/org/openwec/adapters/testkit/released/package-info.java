/**
 * Databases in the states real OpenWEC deployments are in, described as data (docs/reference/reference-tests.md §9 item 2):
 * the schema each released version left (v0.1.0: 1-5, v0.2.x: 1-11, v0.3.0: 1-12) and the latest
 * (SQLite 1-14, PostgreSQL 1-15), each filled with the rows that version wrote, in its own columns and
 * encodings, and the objects the reference says those rows read as after its own upgrade.
 *
 * <p>Everything here is derived from docs/reference/schema.md and docs/reference/stored-formats.md, not produced by
 * running OpenWEC. {@link org.openwec.adapters.testkit.released.ReleasedFixtures} holds the catalogue;
 * {@link org.openwec.adapters.testkit.released.ReleasedDatabasesContract} is what every SQL backend
 * must do with it: upgrade, read back, downgrade to each earlier released state and upgrade again.
 */
package org.openwec.adapters.testkit.released;
