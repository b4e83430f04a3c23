/**
 * The {@code openwec} command line (picocli): global flags, {@code db} schema maintenance, and the
 * reference's administration commands ({@code subscriptions}, {@code heartbeats}, {@code stats},
 * {@code bookmarks}) with its messages, formats and exit codes 0, 1 (error) and 2 (usage), plus
 * {@code completion}. Commands parse arguments, ask, and print; formats live in
 * {@link org.openwec.app.format}, rules in the core's use cases, data behind the core's ports.
 */
package org.openwec.app.cli;
