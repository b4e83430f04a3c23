/**
 * The {@code openwec} command line (picocli): global flags, {@code db} schema maintenance and the
 * subscription listing, with the reference's report formats and exit codes 0, 1 (error) and 2 (usage).
 */
package org.openwec.app.cli;
