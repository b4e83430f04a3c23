package org.openwec.adapters.outputs.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;

/**
 * A real TCP (or TLS) server on the loopback interface that collects the lines it receives, tagged with the
 * number of the connection they came on. Tests wait for lines with a bounded timeout, never by sleeping.
 */
final class LineServer implements AutoCloseable {
    record Line(int connection, String text) {}

    private final ServerSocket server;
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> closedByPeer = new LinkedBlockingQueue<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private LineServer(ServerSocket server) {
        this.server = server;
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    static LineServer plain(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new LineServer(server);
    }

    static LineServer tls(javax.net.ssl.SSLContext context, boolean needClientAuth) throws IOException {
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(needClientAuth);
        return new LineServer(server);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        try {
            while (true) {
                Socket socket = server.accept();
                connections.add(socket);
                int number = connections.size();
                Thread.ofVirtual().start(() -> read(socket, number));
            }
        } catch (IOException closed) {
            // the test closed the server
        }
    }

    private void read(Socket socket, int number) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(new Line(number, line));
            }
            closedByPeer.add(number);
        } catch (IOException e) {
            closedByPeer.add(number); // a failed handshake or a reset ends the connection too
        }
    }

    /** The next {@code count} lines, waiting at most 10 s for each. */
    List<Line> take(int count) throws InterruptedException {
        List<Line> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Line line = lines.poll(10, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("only " + taken + " received, " + count + " expected");
            }
            taken.add(line);
        }
        return taken;
    }

    /** Waits (at most 10 s) until a client closes its end of a connection; returns the connection's number. */
    int awaitClientClose() throws InterruptedException {
        Integer number = closedByPeer.poll(10, TimeUnit.SECONDS);
        if (number == null) {
            throw new AssertionError("no connection was closed by the client");
        }
        return number;
    }

    int connections() {
        return connections.size();
    }

    /** Closes the connections from the server's side, keeping the server listening. */
    void dropConnections() throws IOException {
        for (Socket socket : connections) {
            socket.close();
        }
    }

    /**
     * Stops listening, then closes the connections. The listening socket is really closed only once the
     * thread blocked in accept has left it (the JDK defers the close of a socket a thread is blocked on):
     * until then the kernel still completes connections into its backlog, so a client could connect
     * to a server the test believes gone.
     */
    @Override
    public void close() throws IOException {
        server.close();
        try {
            if (!acceptor.join(java.time.Duration.ofSeconds(10))) {
                throw new IOException("the accept thread did not end within 10 s of the close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing", e);
        }
        dropConnections();
    }
}
