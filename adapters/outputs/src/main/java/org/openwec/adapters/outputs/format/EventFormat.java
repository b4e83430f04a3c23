package org.openwec.adapters.outputs.format;

import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.adapters.outputs.event.ReceivedEvent;
import org.openwec.core.model.OutputFormat;

/** Turns one received event into the text an output writes for it (without the line end). */
public interface EventFormat {

    String format(EventMetadata metadata, ReceivedEvent event);

    static EventFormat of(OutputFormat format) {
        return switch (format) {
            case Raw -> (metadata, event) -> event.raw();
            case RawJson -> RawJsonFormat.INSTANCE;
            case Json -> JsonFormat.INSTANCE;
            case Nxlog -> NxlogFormat.INSTANCE;
        };
    }
}
