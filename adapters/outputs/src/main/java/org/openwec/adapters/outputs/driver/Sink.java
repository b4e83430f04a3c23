package org.openwec.adapters.outputs.driver;

import java.io.IOException;
import java.util.List;
import org.openwec.adapters.outputs.event.EventMetadata;

/** One instantiated output driver: takes a batch of formatted events, each written as one line. */
public interface Sink extends AutoCloseable {

    /**
     * Returns once the destination has every event of the batch (appended to the file, written to the
     * socket); throws when it may not have them all, so that the machine sends the batch again.
     */
    void write(EventMetadata metadata, List<String> events) throws IOException;

    /** Releases what this instance holds (a connection); must not throw. */
    @Override
    void close();

    /** The events, each followed by a line feed, as one block: written with a single call. */
    static byte[] lines(List<String> events) {
        StringBuilder content = new StringBuilder();
        for (String event : events) {
            content.append(event).append('\n');
        }
        return content.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
