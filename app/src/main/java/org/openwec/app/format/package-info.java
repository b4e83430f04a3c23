/**
 * The formats the CLI reads and writes, as pure functions of the domain model: the reference's text and
 * JSON presentations (subscription details, heartbeats, stats, outputs in Rust debug notation), the
 * export/import JSON (schemas V1 to V3), subscription configuration files (TOML), Windows subscription
 * exports (XML) and query checks. Nothing here touches a database or the command line; every input error
 * is a {@link org.openwec.core.model.UserError} naming its source.
 */
package org.openwec.app.format;
