package org.openwec.adapters.outputs.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openwec.adapters.outputs.event.EventXml.MalformedXmlException;
import org.openwec.adapters.outputs.event.WindowsEvent.BinaryEventData;
import org.openwec.adapters.outputs.event.WindowsEvent.Correlation;
import org.openwec.adapters.outputs.event.WindowsEvent.DebugData;
import org.openwec.adapters.outputs.event.WindowsEvent.ErrorType;
import org.openwec.adapters.outputs.event.WindowsEvent.EventData;
import org.openwec.adapters.outputs.event.WindowsEvent.EventSystem;
import org.openwec.adapters.outputs.event.WindowsEvent.Execution;
import org.openwec.adapters.outputs.event.WindowsEvent.ParseError;
import org.openwec.adapters.outputs.event.WindowsEvent.Payload;
import org.openwec.adapters.outputs.event.WindowsEvent.ProcessingErrorData;
import org.openwec.adapters.outputs.event.WindowsEvent.Provider;
import org.openwec.adapters.outputs.event.WindowsEvent.RenderingInfo;
import org.openwec.adapters.outputs.event.WindowsEvent.UserData;

/**
 * Reads an event's XML as the reference does (OpenWEC server/src/event.rs at a41b95f, {@code Event::from_str}):
 * the children of the root element are read in order, by local name; an invalid System (no Computer, no valid
 * EventID, TimeCreated without SystemTime, Execution without valid ProcessID/ThreadID) or ProcessingErrorData
 * (ErrorCode not a u32) stops the reading there. Malformed XML gets one recovery attempt: Windows sometimes
 * sends events whose RenderingInfo is cut off (OpenWEC issue #46), so everything from the last
 * {@code <RenderingInfo} on is replaced by {@code </Event>} and parsed again.
 */
public final class EventReader {
    private EventReader() {}

    public static WindowsEvent read(String xml) {
        Feed feed = new Feed();
        XmlElement root;
        try {
            root = EventXml.parse(xml);
        } catch (MalformedXmlException initial) {
            return recover(xml, initial.getMessage(), feed);
        }
        try {
            feed.readChildrenOf(root, xml);
            return feed.event(null);
        } catch (FeedException e) {
            return feed.event(new ParseError(xml, ErrorType.FailedToFeedEvent,
                    "Could not feed event from document: " + e.getMessage()));
        }
    }

    private static WindowsEvent recover(String xml, String initialError, Feed feed) {
        int cut = xml.lastIndexOf("<RenderingInfo");
        if (cut < 0) {
            return feed.event(new ParseError(xml, ErrorType.Unrecoverable,
                    "Failed to parse event XML: " + initialError));
        }
        String clean = xml.substring(0, cut) + "</Event>";
        XmlElement root;
        try {
            root = EventXml.parse(clean);
        } catch (MalformedXmlException again) {
            return feed.event(new ParseError(xml, ErrorType.FailedToRecoverRawContent,
                    "Failed to parse event XML (" + initialError + ") and Raw content recovering failed ("
                            + again.getMessage() + ")"));
        }
        try {
            feed.readChildrenOf(root, clean);
            return feed.event(new ParseError(xml, ErrorType.RawContentRecovered,
                    "Failed to parse event XML (" + initialError + ") but Raw content could be recovered."));
        } catch (FeedException e) {
            return feed.event(new ParseError(xml, ErrorType.FailedToFeedEvent,
                    "Could not feed event from document: " + e.getMessage()));
        }
    }

    /** A required field is missing or invalid; the message is the reference's context ("Parsing failure in System"). */
    private static final class FeedException extends Exception {
        FeedException(String message) {
            super(message);
        }
    }

    /** What has been read so far: a failure keeps what came before it, as in the reference. */
    private static final class Feed {
        EventSystem system;
        Payload payload;
        RenderingInfo renderingInfo;

        WindowsEvent event(ParseError error) {
            return new WindowsEvent(system, payload, renderingInfo, error);
        }

        void readChildrenOf(XmlElement root, String source) throws FeedException {
            for (XmlElement node : root.elements()) {
                switch (node.name()) {
                    case "System" -> system = require(system(node), "Parsing failure in System");
                    case "EventData" -> payload = eventData(node);
                    case "UserData" -> payload = new UserData(XmlSource.content(source, node.index()));
                    case "BinaryEventData" -> payload = new BinaryEventData(orEmpty(node.text()));
                    case "DebugData" -> payload = debugData(node);
                    case "ProcessingErrorData" ->
                            payload = require(processingErrorData(node), "Parsing failure in ProcessingErrorData");
                    case "RenderingInfo" -> renderingInfo = renderingInfo(node);
                    default -> {
                        // SubscriptionBookmarkEvent (the first event of a subscription) and anything unknown
                    }
                }
            }
        }
    }

    private static <T> T require(T value, String failure) throws FeedException {
        if (value == null) {
            throw new FeedException(failure);
        }
        return value;
    }

    /** @return null when a required field is missing or invalid */
    private static EventSystem system(XmlElement systemNode) {
        Provider provider = new Provider(null, null, null);
        Long eventId = null;
        Long qualifiers = null;
        Long version = null;
        Long level = null;
        Long task = null;
        Long opcode = null;
        String keywords = null;
        String timeCreated = null;
        Long recordId = null;
        Correlation correlation = null;
        Execution execution = null;
        String channel = null;
        String computer = null;
        String container = null;
        String userId = null;
        for (XmlElement node : systemNode.elements()) {
            switch (node.name()) {
                case "Provider" -> provider = new Provider(node.attribute("Name"), node.attribute("Guid"),
                        node.attribute("EventSourceName"));
                case "EventID" -> {
                    eventId = Unsigned.parse(node.text(), Unsigned.U32);
                    qualifiers = Unsigned.parse(orEmpty(node.attribute("Qualifiers")), Unsigned.U16);
                }
                case "Version" -> version = Unsigned.parse(node.text(), Unsigned.U8);
                case "Level" -> level = Unsigned.parse(node.text(), Unsigned.U8);
                case "Task" -> task = Unsigned.parse(node.text(), Unsigned.U16);
                case "Opcode" -> opcode = Unsigned.parse(node.text(), Unsigned.U8);
                case "Keywords" -> keywords = node.text();
                case "TimeCreated" -> {
                    timeCreated = node.attribute("SystemTime");
                    if (timeCreated == null) {
                        return null;
                    }
                }
                case "EventRecordID" -> recordId = Unsigned.parse(node.text(), Unsigned.U64);
                case "Correlation" -> correlation =
                        new Correlation(node.attribute("ActivityID"), node.attribute("RelatedActivityID"));
                case "Execution" -> {
                    Long processId = Unsigned.parse(node.attribute("ProcessID"), Unsigned.U32);
                    Long threadId = Unsigned.parse(node.attribute("ThreadID"), Unsigned.U32);
                    if (processId == null || threadId == null) {
                        return null;
                    }
                    execution = new Execution(processId, threadId,
                            Unsigned.parse(node.attribute("ProcessorID"), Unsigned.U8),
                            Unsigned.parse(node.attribute("SessionID"), Unsigned.U32),
                            Unsigned.parse(node.attribute("KernelTime"), Unsigned.U32),
                            Unsigned.parse(node.attribute("UserTime"), Unsigned.U32),
                            Unsigned.parse(node.attribute("ProcessorTime"), Unsigned.U32));
                }
                case "Channel" -> channel = node.text();
                case "Computer" -> computer = node.text();
                case "Container" -> container = node.text();
                case "Security" -> userId = node.attribute("UserID");
                default -> {
                    // not read by the reference
                }
            }
        }
        if (computer == null || eventId == null) {
            return null;
        }
        return new EventSystem(provider, eventId, qualifiers, version, level, task, opcode, keywords, timeCreated,
                recordId, correlation, execution, channel, computer, container, userId);
    }

    private static EventData eventData(XmlElement eventDataNode) {
        Map<String, String> named = new LinkedHashMap<>();
        List<String> unnamed = new ArrayList<>();
        String binary = null;
        for (XmlElement node : eventDataNode.elements()) {
            if (node.name().equals("Data")) {
                String name = node.attribute("Name");
                String value = orEmpty(node.text());
                if (name != null) {
                    named.put(name, value);
                } else if (!value.isEmpty()) {
                    unnamed.add(value);
                }
            } else if (node.name().equals("Binary")) {
                binary = node.text();
            }
        }
        return new EventData(Collections.unmodifiableMap(named), List.copyOf(unnamed), binary);
    }

    private static DebugData debugData(XmlElement debugDataNode) {
        Long sequenceNumber = null;
        String flagsName = null;
        String levelName = null;
        String component = "";
        String subComponent = null;
        String fileLine = null;
        String function = null;
        String message = "";
        for (XmlElement node : debugDataNode.elements()) {
            switch (node.name()) {
                case "SequenceNumber" -> sequenceNumber = Unsigned.parse(node.text(), Unsigned.U32);
                case "FlagsName" -> flagsName = node.text();
                case "LevelName" -> levelName = node.text();
                case "Component" -> component = orEmpty(node.text());
                case "SubComponent" -> subComponent = node.text();
                case "FileLine" -> fileLine = node.text();
                case "Function" -> function = node.text();
                case "Message" -> message = orEmpty(node.text());
                default -> {
                    // not read by the reference
                }
            }
        }
        return new DebugData(sequenceNumber, flagsName, levelName, component, subComponent, fileLine, function,
                message);
    }

    /** @return null when ErrorCode is not a u32 (the only way this part fails in the reference) */
    private static ProcessingErrorData processingErrorData(XmlElement errorNode) {
        long errorCode = 0;
        String dataItemName = "";
        String eventPayload = "";
        for (XmlElement node : errorNode.elements()) {
            switch (node.name()) {
                case "ErrorCode" -> {
                    Long code = Unsigned.parse(orEmpty(node.text()), Unsigned.U32);
                    if (code == null) {
                        return null;
                    }
                    errorCode = code;
                }
                case "DataItemName" -> dataItemName = orEmpty(node.text());
                case "EventPayload" -> eventPayload = orEmpty(node.text());
                default -> {
                    // not read by the reference
                }
            }
        }
        return new ProcessingErrorData(errorCode, dataItemName, eventPayload);
    }

    private static RenderingInfo renderingInfo(XmlElement renderingNode) {
        String message = null;
        String level = null;
        String task = null;
        String opcode = null;
        String channel = null;
        String provider = null;
        List<String> keywords = null;
        for (XmlElement node : renderingNode.elements()) {
            switch (node.name()) {
                case "Message" -> message = node.text();
                case "Level" -> level = node.text();
                case "Task" -> task = node.text();
                case "Opcode" -> opcode = node.text();
                case "Channel" -> channel = node.text();
                // Microsoft's schema calls it Publisher; Provider is what Windows sends
                case "Provider" -> provider = node.text();
                case "Keywords" -> {
                    List<String> values = new ArrayList<>();
                    for (XmlElement keyword : node.elements()) {
                        if (keyword.name().equals("Keyword") && keyword.text() != null) {
                            values.add(keyword.text());
                        }
                    }
                    keywords = List.copyOf(values);
                }
                default -> {
                    // not read by the reference
                }
            }
        }
        return new RenderingInfo(message, level, task, opcode, channel, provider, keywords,
                orEmpty(renderingNode.attribute("Culture")));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
