package org.openwec.adapters.outputs.event;

import java.util.Objects;

/**
 * One event of a batch: its XML as received, and what {@link EventReader} makes of it, read at most once
 * however many formats (Json, Nxlog) need it, and only if one does.
 */
public final class ReceivedEvent {
    private final String raw;
    private volatile WindowsEvent parsed;

    public ReceivedEvent(String raw) {
        this.raw = Objects.requireNonNull(raw, "raw");
    }

    public String raw() {
        return raw;
    }

    public WindowsEvent parsed() {
        WindowsEvent event = parsed;
        if (event == null) {
            synchronized (this) {
                event = parsed;
                if (event == null) {
                    event = EventReader.read(raw);
                    parsed = event;
                }
            }
        }
        return event;
    }
}
