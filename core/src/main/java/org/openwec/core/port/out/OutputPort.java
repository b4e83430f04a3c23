package org.openwec.core.port.out;

import org.openwec.core.model.EventsBatch;
import org.openwec.core.model.Output;
import org.openwec.core.model.Subscription;

/**
 * Where the collector writes events: files, a TCP peer, a Unix datagram socket, in one of the reference's
 * formats. The core decides which outputs a batch goes to (the enabled outputs of its subscription) and
 * what happens after (the bookmark is stored only when every write returned); the adapter decides how: it
 * formats the events, keeps its files and connections open between batches and closes what is no longer
 * used.
 */
public interface OutputPort {

    /**
     * Writes every event of the batch to one output of its subscription, returning once the output has it
     * (a file append, a socket write).
     *
     * @throws OutputException when the output could not take the batch: the machine must send it again
     */
    void write(Subscription subscription, Output output, EventsBatch batch);

    /** Closes the files and connections held open, so that the next write reopens them (SIGHUP, log rotation). */
    void reopen();

    /** Thrown by {@link #write}: the batch was not (entirely) written. */
    final class OutputException extends RuntimeException {
        public OutputException(String message, Throwable cause) {
            super(message, cause);
        }

        public OutputException(String message) {
            super(message);
        }
    }
}
