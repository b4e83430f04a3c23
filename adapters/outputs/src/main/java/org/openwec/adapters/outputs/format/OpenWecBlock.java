package org.openwec.adapters.outputs.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.adapters.outputs.event.WindowsEvent.ParseError;

/**
 * The metadata object the collector adds to each event: "meta" in RawJson, "OpenWEC" in Json and Nxlog
 * (OpenWEC server/src/formats/json.rs at a41b95f, {@code Additional}). Principal and Client hold the same
 * value: the reference keeps Principal for compatibility.
 */
final class OpenWecBlock {
    private OpenWecBlock() {}

    /** @param error written as the Error object when not null (never in RawJson) */
    static void write(JsonGenerator json, EventMetadata metadata, ParseError error) throws IOException {
        json.writeStartObject();
        json.writeStringField("IpAddress", metadata.ip());
        json.writeStringField("TimeReceived", JsonText.rfc3339(metadata.received()));
        json.writeStringField("Principal", metadata.client());
        json.writeStringField("Client", metadata.client());
        json.writeObjectFieldStart("Subscription");
        json.writeStringField("Uuid", metadata.subscriptionUuid());
        json.writeStringField("Version", metadata.publicVersion());
        json.writeStringField("Name", metadata.subscriptionName());
        JsonText.optional(json, "Uri", metadata.uri());
        JsonText.optional(json, "ClientRevision", metadata.clientRevision());
        JsonText.optional(json, "ServerRevision", metadata.serverRevision());
        json.writeEndObject();
        JsonText.optional(json, "Node", metadata.nodeName());
        if (error != null) {
            json.writeObjectFieldStart("Error");
            json.writeStringField("OriginalContent", error.originalContent());
            json.writeStringField("Type", error.type().name());
            json.writeStringField("Message", error.message());
            json.writeEndObject();
        }
        json.writeEndObject();
    }
}
