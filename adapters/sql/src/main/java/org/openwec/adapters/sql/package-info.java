/**
 * Shared SQL plumbing for the SQLite and PostgreSQL adapters: the stored formats both backends use
 * (the {@code subscriptions.outputs} JSON, written byte-for-byte as the reference writes it) and the
 * data rewrites of the reference's migrations 9 and 12, as pure functions on one column value.
 */
package org.openwec.adapters.sql;
