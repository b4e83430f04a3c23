package org.openwec.adapters.sql;

/**
 * What a failed statement means to the adapters, as the backend's {@link SqlDialect} reads it from the
 * SQLSTATE or the SQLite result code, never from the message text (which changes with versions and locales).
 */
public enum SqlFailure {
    /** A row names a subscription that does not exist: a foreign-key violation. */
    MISSING_SUBSCRIPTION,
    /** A unique column already holds the value: a subscription's name or internal version. */
    DUPLICATE,
    /** Anything else. */
    OTHER
}
