package org.openwec.adapters.outputs.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Locale;
import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.adapters.outputs.event.ReceivedEvent;
import org.openwec.adapters.outputs.event.WindowsEvent;
import org.openwec.adapters.outputs.event.WindowsEvent.BinaryEventData;
import org.openwec.adapters.outputs.event.WindowsEvent.DebugData;
import org.openwec.adapters.outputs.event.WindowsEvent.EventData;
import org.openwec.adapters.outputs.event.WindowsEvent.EventSystem;
import org.openwec.adapters.outputs.event.WindowsEvent.ProcessingErrorData;
import org.openwec.adapters.outputs.event.WindowsEvent.RenderingInfo;
import org.openwec.adapters.outputs.event.WindowsEvent.UserData;

/**
 * The event flattened the way NXLog's im_msvistalog writes it (formats/nxlog.rs, doc/formats.md): System
 * fields under NXLog's names (SourceName, ProviderGuid and ActivityID upper-cased, Keywords as a signed
 * number, EventType and Severity derived from the channel, keywords and level), then the payload's fields at
 * the top level, RenderingInfo's Message, Category (its Task) and Opcode, the OpenWEC block and
 * EventReceivedTime. A payload field with the name of a System field is written twice, as the reference does.
 */
final class NxlogFormat implements EventFormat {
    static final NxlogFormat INSTANCE = new NxlogFormat();

    // System.Diagnostics.Tracing.EventKeywords.AuditSuccess and AuditFailure
    private static final long AUDIT_SUCCESS_MASK = 0x20000000000000L;
    private static final long AUDIT_FAILURE_MASK = 0x10000000000000L;

    private NxlogFormat() {}

    @Override
    public String format(EventMetadata metadata, ReceivedEvent received) {
        WindowsEvent event = received.parsed();
        return JsonText.write(json -> {
            json.writeStartObject();
            if (event.system() != null) {
                system(json, event.system());
            }
            if (event.payload() != null) {
                payload(json, event);
            }
            if (event.renderingInfo() != null) {
                RenderingInfo info = event.renderingInfo();
                JsonText.optional(json, "Message", info.message());
                JsonText.optional(json, "Category", info.task());
                JsonText.optional(json, "Opcode", info.opcode());
            }
            json.writeFieldName("OpenWEC");
            OpenWecBlock.write(json, metadata, event.error());
            json.writeStringField("EventReceivedTime", JsonText.rfc3339(metadata.received()));
            json.writeEndObject();
        });
    }

    private static void system(JsonGenerator json, EventSystem system) throws IOException {
        JsonText.optional(json, "SourceName", system.provider().name());
        JsonText.optional(json, "ProviderGuid", upper(system.provider().guid()));
        json.writeNumberField("EventID", system.eventId());
        JsonText.optional(json, "Version", system.version());
        JsonText.optional(json, "Task", system.task());
        JsonText.optional(json, "OpcodeValue", system.opcode());
        Long keywords = keywords(system.keywords());
        JsonText.optional(json, "Keywords", keywords);
        JsonText.optional(json, "EventTime", system.timeCreated());
        JsonText.optionalUnsigned(json, "RecordNumber", system.eventRecordId());
        if (system.correlation() != null) {
            JsonText.optional(json, "ActivityID", upper(system.correlation().activityId()));
            JsonText.optional(json, "RelatedActivityID", upper(system.correlation().relatedActivityId()));
        }
        if (system.execution() != null) {
            json.writeNumberField("ProcessID", system.execution().processId());
            json.writeNumberField("ThreadID", system.execution().threadId());
        }
        JsonText.optional(json, "Channel", system.channel());
        json.writeStringField("Hostname", system.computer());
        JsonText.optional(json, "UserID", system.userId());
        EventType type = eventType(system.channel(), system.level(), keywords);
        if (type != null) {
            json.writeStringField("EventType", type.name());
            json.writeStringField("Severity", type.severity.name());
            json.writeNumberField("SeverityValue", type.severity.value);
        }
    }

    private static void payload(JsonGenerator json, WindowsEvent event) throws IOException {
        switch (event.payload()) {
            case EventData data -> JsonFormat.eventDataFields(json, data);
            case UserData userData -> json.writeStringField("UserData", userData.xml());
            case DebugData debug -> JsonFormat.debugDataFields(json, debug);
            case ProcessingErrorData error -> JsonFormat.processingErrorDataFields(json, error);
            case BinaryEventData binary -> json.writeStringField("BinaryEventData", binary.value());
        }
    }

    /** "0x8020000000000000" as the signed 64-bit number NXLog writes; null unless "0x" and 1 to 16 hex digits. */
    static Long keywords(String text) {
        if (text == null || !text.startsWith("0x")) {
            return null;
        }
        String digits = text.substring(2);
        if (digits.startsWith("+")) {
            digits = digits.substring(1); // Rust's from_str_radix takes a '+' sign
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c < 128 && Character.digit(c, 16) >= 0)) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(digits, 16);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    /** NXLog's severities, with their numbers. */
    private enum Severity {
        DEBUG(1), INFO(2), WARNING(3), ERROR(4), CRITICAL(5);

        final int value;

        Severity(int value) {
            this.value = value;
        }
    }

    /** The names are the values written. */
    private enum EventType {
        CRITICAL(Severity.CRITICAL),
        ERROR(Severity.ERROR),
        WARNING(Severity.WARNING),
        INFO(Severity.INFO),
        VERBOSE(Severity.DEBUG),
        AUDIT_SUCCESS(Severity.INFO),
        AUDIT_FAILURE(Severity.ERROR);

        final Severity severity;

        EventType(Severity severity) {
            this.severity = severity;
        }
    }

    /**
     * Security events are audits, told apart by their keywords; other channels' events take their type from
     * their level; without a channel there is no type.
     */
    private static EventType eventType(String channel, Long level, Long keywords) {
        if (channel == null) {
            return null;
        }
        if (channel.equals("Security")) {
            if (keywords == null) {
                return null;
            }
            if ((keywords & AUDIT_SUCCESS_MASK) != 0) {
                return EventType.AUDIT_SUCCESS;
            }
            return (keywords & AUDIT_FAILURE_MASK) != 0 ? EventType.AUDIT_FAILURE : null;
        }
        if (level == null) {
            return null;
        }
        return switch (level.intValue()) {
            case 1 -> EventType.CRITICAL;
            case 2 -> EventType.ERROR;
            case 3 -> EventType.WARNING;
            case 4 -> EventType.INFO;
            case 5 -> EventType.VERBOSE;
            default -> null;
        };
    }
}
