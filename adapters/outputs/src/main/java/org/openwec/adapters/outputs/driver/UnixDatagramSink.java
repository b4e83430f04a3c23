package org.openwec.adapters.outputs.driver;

import java.io.IOException;
import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.newsclub.net.unix.AFSocket;
import org.newsclub.net.unix.AFSocketCapability;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.openwec.adapters.outputs.event.EventMetadata;
import org.openwec.core.model.OutputDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UnixDatagram output (OpenWEC server/src/drivers/unix.rs at a41b95f): an unbound Unix datagram socket,
 * connected to the receiver's path at the first batch and reused; each event is one datagram, its UTF-8 text
 * without a line feed, sent in the batch's order. When a send fails the socket is dropped and the batch fails
 * (the machine sends it again, so the events sent before the failure arrive twice, as with the reference);
 * the next batch connects anew. An event larger than a datagram can be (the socket's send buffer) fails its
 * batch every time, as in the reference.
 *
 * <p>The JDK has no Unix datagram sockets: junixsocket provides them through its native library, which needs
 * native access ({@code --enable-native-access=ALL-UNNAMED}, or {@code Enable-Native-Access} in the jar's
 * manifest) to load without a warning on JDK 24 and later.
 *
 * <p>Beyond the reference: a kept socket whose receiver has restarted refuses the first datagram (the kernel
 * ties a connected datagram socket to the receiving socket, not to the path). Nothing of the batch has been
 * sent then, so the batch is sent again once on a new connection instead of failing: the receiver is back,
 * and the machine need not resend.
 */
public final class UnixDatagramSink implements Sink {
    private static final Logger LOG = LoggerFactory.getLogger(UnixDatagramSink.class);

    private final String path;
    private final AFUNIXSocketAddress address;
    private AFUNIXDatagramSocket socket; // guarded by this
    private int connections; // guarded by this

    /** @throws IllegalArgumentException when the path cannot be a socket's address (see {@link #problem}) */
    public UnixDatagramSink(OutputDriver.UnixDatagram config) {
        this.path = config.path();
        this.address = address(path);
    }

    /**
     * Why an output with this configuration cannot be written (no Unix datagram sockets on this system, a path
     * that cannot be a socket's address), or null when it can.
     */
    public static String problem(OutputDriver.UnixDatagram config) {
        if (!AFSocket.supports(AFSocketCapability.CAPABILITY_UNIX_DATAGRAMS)) {
            return "Unix datagram sockets are not available to this collector on this system (junixsocket has no"
                    + " native library for it); disable the output or remove it";
        }
        try {
            address(config.path());
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static AFUNIXSocketAddress address(String path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("UnixDatagram path is empty: set it to the receiver's socket");
        }
        try {
            return AFUNIXSocketAddress.of(Path.of(path));
        } catch (IOException | InvalidPathException e) {
            throw new IllegalArgumentException("UnixDatagram path \"" + path + "\" cannot be a socket's address: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void write(EventMetadata metadata, List<String> events) throws IOException {
        while (true) {
            boolean kept = socket != null;
            if (!kept) {
                socket = connect();
            }
            int sent = 0;
            try {
                for (String event : events) {
                    byte[] datagram = event.getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(datagram, datagram.length));
                    sent++;
                }
                return;
            } catch (IOException e) {
                dropSocket();
                if (kept && sent == 0) {
                    // the receiver restarted, or went away: a new connection tells which
                    LOG.info("{} refused a datagram on the kept socket ({}): reconnecting", path, e.getMessage());
                    continue; // the socket is new on the next turn, so this happens at most once
                }
                int size = events.get(sent).getBytes(StandardCharsets.UTF_8).length;
                throw new IOException("Failed to write to UnixDatagram (" + path + "), event " + (sent + 1) + " of "
                        + events.size() + " (" + size + " bytes): " + e.getMessage(), e);
            }
        }
    }

    private AFUNIXDatagramSocket connect() throws IOException {
        AFUNIXDatagramSocket fresh = AFUNIXDatagramSocket.newInstance();
        try {
            fresh.connect(address);
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw new IOException("Failed to connect to " + path + ": " + e.getMessage(), e);
        }
        connections++;
        LOG.debug("connected to {}", path);
        return fresh;
    }

    private void dropSocket() {
        socket.close();
        socket = null;
    }

    /** How many times a socket was connected (for tests: a kept socket is not connected again). */
    synchronized int connections() {
        return connections;
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            dropSocket();
        }
    }
}
