package org.openwec.core.model;

/** What Windows clients send: the event only, or the event with its rendering info. Names are the stored values. */
public enum ContentFormat {
    Raw,
    RenderedText
}
