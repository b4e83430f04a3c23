package org.openwec.adapters.outputs.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A real Unix datagram socket bound at a path, as a receiver (rsyslog's imuxsock, a SIEM agent) would be. A
 * send on a connected Unix datagram socket queues the datagram at the receiver before it returns, so what a
 * batch sent is already here when the write returns: {@link #take} does not wait for it (its timeout only
 * keeps a broken test from hanging).
 */
final class DatagramReceiver implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final int MAX_DATAGRAM = 64 * 1024;
    private static final String END = "<end of what was sent/>";

    private final Path path;
    private final AFUNIXDatagramSocket socket;

    private DatagramReceiver(Path path, AFUNIXDatagramSocket socket) {
        this.path = path;
        this.socket = socket;
    }

    /** Binds at path, in place of the socket file a stopped receiver left there, as a restarted one does. */
    static DatagramReceiver bind(Path path) throws IOException {
        Files.deleteIfExists(path);
        AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance();
        socket.bind(AFUNIXSocketAddress.of(path));
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return new DatagramReceiver(path, socket);
    }

    /** The next count datagrams, as text. */
    List<String> take(int count) throws IOException {
        List<String> datagrams = new ArrayList<>();
        byte[] buffer = new byte[MAX_DATAGRAM];
        for (int i = 0; i < count; i++) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            assertThat(packet.getLength()).as("a datagram larger than this receiver reads").isLessThan(buffer.length);
            datagrams.add(new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8));
        }
        return datagrams;
    }

    /**
     * Asserts that nothing else was received: a datagram sent now from another socket must be the next one.
     * (The sender's socket is unbound, so an empty queue and an empty datagram look alike to a non-blocking
     * receive; a marker tells them apart without waiting.)
     */
    void assertNothingElse() throws IOException {
        try (AFUNIXDatagramSocket marker = AFUNIXDatagramSocket.newInstance()) {
            marker.connect(AFUNIXSocketAddress.of(path));
            byte[] end = END.getBytes(StandardCharsets.UTF_8);
            marker.send(new DatagramPacket(end, end.length));
        }
        assertThat(take(1)).as("datagrams received after those expected").containsExactly(END);
    }

    /** Stops receiving; the socket file stays, as it does when a receiver stops. */
    @Override
    public void close() {
        socket.close();
    }
}
