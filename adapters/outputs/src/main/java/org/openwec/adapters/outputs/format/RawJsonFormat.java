package org.openwec.adapters.outputs.format;

import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.adapters.outputs.event.ReceivedEvent;

/** {@code {"meta":{...},"data":"<Event ...>"}}: the metadata and the event's XML untouched (formats/raw_json.rs). */
final class RawJsonFormat implements EventFormat {
    static final RawJsonFormat INSTANCE = new RawJsonFormat();

    private RawJsonFormat() {}

    @Override
    public String format(EventMetadata metadata, ReceivedEvent event) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeFieldName("meta");
            OpenWecBlock.write(json, metadata, null);
            json.writeStringField("data", event.raw());
            json.writeEndObject();
        });
    }
}
