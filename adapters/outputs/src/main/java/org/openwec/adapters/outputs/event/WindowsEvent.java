package org.openwec.adapters.outputs.event;

import java.util.List;
import java.util.Map;

/**
 * What the reference's reader (OpenWEC server/src/event.rs at a41b95f) makes of an event. Every part may be
 * missing: an event that could not be parsed has only its {@link #error}; one whose RenderingInfo was cut
 * off has its System and data and an error saying so. Numbers keep the reference's widths: a value that does
 * not fit (or is no number) is left out, not rejected.
 *
 * @param system null when absent or not parsed
 * @param payload EventData, UserData, DebugData, ProcessingErrorData or BinaryEventData; null when none
 * @param renderingInfo null when absent or not parsed
 * @param error null when the event parsed cleanly
 */
public record WindowsEvent(EventSystem system, Payload payload, RenderingInfo renderingInfo, ParseError error) {

    public record Provider(String name, String guid, String eventSourceName) {}

    public record Correlation(String activityId, String relatedActivityId) {}

    /** processId and threadId are u32 and required; the others are optional (ProcessorID is a u8). */
    public record Execution(long processId, long threadId, Long processorId, Long sessionId, Long kernelTime,
                            Long userTime, Long processorTime) {}

    /**
     * eventId is a u32, eventIdQualifiers a u16, version, level and opcode u8, task a u16, eventRecordId a u64
     * (kept in a long, read as unsigned).
     */
    public record EventSystem(Provider provider, long eventId, Long eventIdQualifiers, Long version, Long level,
                              Long task, Long opcode, String keywords, String timeCreated, Long eventRecordId,
                              Correlation correlation, Execution execution, String channel, String computer,
                              String container, String userId) {}

    /** The part of the event after System: one kind per event. */
    public sealed interface Payload permits EventData, UserData, DebugData, ProcessingErrorData, BinaryEventData {}

    /**
     * @param named the Data elements with a Name, in document order (a repeated name keeps its first place and
     *              its last value)
     * @param unnamed the non-empty Data elements without a Name
     * @param binary the last Binary element's text, null when none or empty
     */
    public record EventData(Map<String, String> named, List<String> unnamed, String binary) implements Payload {}

    /** @param xml the element's content, verbatim from the source */
    public record UserData(String xml) implements Payload {}

    public record DebugData(Long sequenceNumber, String flagsName, String levelName, String component,
                            String subComponent, String fileLine, String function, String message)
            implements Payload {}

    public record ProcessingErrorData(long errorCode, String dataItemName, String eventPayload) implements Payload {}

    public record BinaryEventData(String value) implements Payload {}

    /** @param keywords null when there is no Keywords element */
    public record RenderingInfo(String message, String level, String task, String opcode, String channel,
                                String provider, List<String> keywords, String culture) {}

    /** The reference's error types, with its names: they are written in the Error block of Json and Nxlog. */
    public enum ErrorType {
        /** The XML was malformed, but cutting off the RenderingInfo gave a readable event. */
        RawContentRecovered,
        /** The XML was malformed, and still malformed without its RenderingInfo. */
        FailedToRecoverRawContent,
        /** The XML was malformed and had no RenderingInfo to cut off. */
        Unrecoverable,
        /** The XML was well formed (maybe after recovery) but a required field was missing or invalid. */
        FailedToFeedEvent
    }

    /** @param originalContent the event's XML as received */
    public record ParseError(String originalContent, ErrorType type, String message) {}
}
