package org.openwec.app.cli;

/** The user answered no (or nothing) to a confirmation: nothing was changed, and the exit code says so. */
final class Declined extends RuntimeException {
    Declined() {
        super("Aborted: nothing was changed.");
    }
}
