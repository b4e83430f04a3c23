package org.openwec.adapters.outputs.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.adapters.outputs.event.ReceivedEvent;
import org.openwec.adapters.outputs.event.WindowsEvent;
import org.openwec.adapters.outputs.event.WindowsEvent.BinaryEventData;
import org.openwec.adapters.outputs.event.WindowsEvent.DebugData;
import org.openwec.adapters.outputs.event.WindowsEvent.EventData;
import org.openwec.adapters.outputs.event.WindowsEvent.EventSystem;
import org.openwec.adapters.outputs.event.WindowsEvent.Execution;
import org.openwec.adapters.outputs.event.WindowsEvent.ProcessingErrorData;
import org.openwec.adapters.outputs.event.WindowsEvent.RenderingInfo;
import org.openwec.adapters.outputs.event.WindowsEvent.UserData;

/**
 * The parsed event as JSON (formats/json.rs): System, then the payload under its own name (EventData,
 * UserData, DebugData, ProcessingErrorData or BinaryEventData), RenderingInfo, then OpenWEC. Fields are in the
 * reference's struct order; absent ones are left out. EventData's named values come in document order (the
 * reference's order is its hash map's, i.e. none).
 */
final class JsonFormat implements EventFormat {
    static final JsonFormat INSTANCE = new JsonFormat();

    private JsonFormat() {}

    @Override
    public String format(EventMetadata metadata, ReceivedEvent received) {
        WindowsEvent event = received.parsed();
        return JsonText.write(json -> {
            json.writeStartObject();
            if (event.system() != null) {
                json.writeFieldName("System");
                system(json, event.system());
            }
            if (event.payload() != null) {
                payload(json, event);
            }
            if (event.renderingInfo() != null) {
                json.writeFieldName("RenderingInfo");
                renderingInfo(json, event.renderingInfo());
            }
            json.writeFieldName("OpenWEC");
            OpenWecBlock.write(json, metadata, event.error());
            json.writeEndObject();
        });
    }

    private static void system(JsonGenerator json, EventSystem system) throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("Provider");
        JsonText.optional(json, "Name", system.provider().name());
        JsonText.optional(json, "Guid", system.provider().guid());
        JsonText.optional(json, "EventSourceName", system.provider().eventSourceName());
        json.writeEndObject();
        json.writeNumberField("EventID", system.eventId());
        JsonText.optional(json, "EventIDQualifiers", system.eventIdQualifiers());
        JsonText.optional(json, "Version", system.version());
        JsonText.optional(json, "Level", system.level());
        JsonText.optional(json, "Task", system.task());
        JsonText.optional(json, "Opcode", system.opcode());
        JsonText.optional(json, "Keywords", system.keywords());
        JsonText.optional(json, "TimeCreated", system.timeCreated());
        JsonText.optionalUnsigned(json, "EventRecordID", system.eventRecordId());
        if (system.correlation() != null) {
            json.writeObjectFieldStart("Correlation");
            JsonText.optional(json, "ActivityID", system.correlation().activityId());
            JsonText.optional(json, "RelatedActivityID", system.correlation().relatedActivityId());
            json.writeEndObject();
        }
        if (system.execution() != null) {
            Execution execution = system.execution();
            json.writeObjectFieldStart("Execution");
            json.writeNumberField("ProcessID", execution.processId());
            json.writeNumberField("ThreadID", execution.threadId());
            JsonText.optional(json, "ProcessorID", execution.processorId());
            JsonText.optional(json, "SessionID", execution.sessionId());
            JsonText.optional(json, "KernelTime", execution.kernelTime());
            JsonText.optional(json, "UserTime", execution.userTime());
            JsonText.optional(json, "ProcessorTime", execution.processorTime());
            json.writeEndObject();
        }
        JsonText.optional(json, "Channel", system.channel());
        json.writeStringField("Computer", system.computer());
        JsonText.optional(json, "Container", system.container());
        JsonText.optional(json, "UserID", system.userId());
        json.writeEndObject();
    }

    private static void payload(JsonGenerator json, WindowsEvent event) throws IOException {
        switch (event.payload()) {
            case EventData data -> {
                json.writeFieldName("EventData");
                json.writeStartObject();
                eventDataFields(json, data);
                json.writeEndObject();
            }
            case UserData userData -> json.writeStringField("UserData", userData.xml());
            case DebugData debug -> {
                json.writeFieldName("DebugData");
                json.writeStartObject();
                debugDataFields(json, debug);
                json.writeEndObject();
            }
            case ProcessingErrorData error -> {
                json.writeFieldName("ProcessingErrorData");
                json.writeStartObject();
                processingErrorDataFields(json, error);
                json.writeEndObject();
            }
            case BinaryEventData binary -> json.writeStringField("BinaryEventData", binary.value());
        }
    }

    /** Shared with Nxlog, which writes them at the top level. */
    static void eventDataFields(JsonGenerator json, EventData data) throws IOException {
        for (Map.Entry<String, String> named : data.named().entrySet()) {
            json.writeStringField(named.getKey(), named.getValue());
        }
        if (!data.unnamed().isEmpty()) {
            json.writeArrayFieldStart("Data");
            for (String value : data.unnamed()) {
                json.writeString(value);
            }
            json.writeEndArray();
        }
        JsonText.optional(json, "Binary", data.binary());
    }

    static void debugDataFields(JsonGenerator json, DebugData debug) throws IOException {
        JsonText.optional(json, "SequenceNumber", debug.sequenceNumber());
        JsonText.optional(json, "FlagsName", debug.flagsName());
        JsonText.optional(json, "LevelName", debug.levelName());
        json.writeStringField("Component", debug.component());
        JsonText.optional(json, "SubComponent", debug.subComponent());
        JsonText.optional(json, "FileLine", debug.fileLine());
        JsonText.optional(json, "Function", debug.function());
        json.writeStringField("Message", debug.message());
    }

    static void processingErrorDataFields(JsonGenerator json, ProcessingErrorData error) throws IOException {
        json.writeNumberField("ErrorCode", error.errorCode());
        json.writeStringField("DataItemName", error.dataItemName());
        json.writeStringField("EventPayload", error.eventPayload());
    }

    private static void renderingInfo(JsonGenerator json, RenderingInfo info) throws IOException {
        json.writeStartObject();
        JsonText.optional(json, "Message", info.message());
        JsonText.optional(json, "Level", info.level());
        JsonText.optional(json, "Task", info.task());
        JsonText.optional(json, "Opcode", info.opcode());
        JsonText.optional(json, "Channel", info.channel());
        JsonText.optional(json, "Provider", info.provider());
        if (info.keywords() != null) {
            json.writeArrayFieldStart("Keywords");
            for (String keyword : info.keywords()) {
                json.writeString(keyword);
            }
            json.writeEndArray();
        }
        json.writeStringField("Culture", info.culture());
        json.writeEndObject();
    }
}
