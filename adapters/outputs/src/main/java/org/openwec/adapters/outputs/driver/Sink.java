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

    /**
     * The events, each followed by a line feed, as one block: written with a single call. Each event is encoded
     * on its own into a block of the right size: no builder growing through the batch and copied twice more.
     */
    static byte[] lines(List<String> events) {
        byte[][] encoded = new byte[events.size()][];
        int length = 0;
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = events.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            length += encoded[i].length + 1;
        }
        byte[] content = new byte[length];
        int at = 0;
        for (byte[] event : encoded) {
            System.arraycopy(event, 0, content, at, event.length);
            at += event.length;
            content[at++] = '\n';
        }
        return content;
    }
}
