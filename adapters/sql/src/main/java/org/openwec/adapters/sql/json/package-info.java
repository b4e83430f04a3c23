/**
 * JSON as the reference's serde_json reads and writes it, for every JSON the program stores or prints: the
 * {@code subscriptions.outputs} column, {@code subscriptions export}, and the {@code --format json} output
 * of the CLI. It sits in the shared SQL plumbing because that is the one module with Jackson that both the
 * SQL adapters and the app may use; it knows nothing of SQL.
 */
package org.openwec.adapters.sql.json;
