package org.openwec.core.model;

/** How events are formatted for an output. Names are the stored values. */
public enum OutputFormat {
    Json,
    Raw,
    RawJson,
    Nxlog
}
