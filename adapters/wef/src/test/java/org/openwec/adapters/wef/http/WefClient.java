package org.openwec.adapters.wef.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.openwec.adapters.wef.BodyText;

/**
 * A machine's side of a connection, written for the tests: HTTP/1.1 over a JDK {@link SSLSocket} (or a plain
 * socket for Kerberos listeners), byte for byte
 * under the test's control (keep-alive, pipelining, a missing Content-Length, a PROXY protocol header before
 * TLS), which a ready-made client would not allow.
 */
final class WefClient implements Closeable {

    /** An answer. Header names in lower case. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return BodyText.decode(body).text();
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A safety net: a test that would hang fails instead. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int port;

    private WefClient(Socket socket, int port) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.port = port;
    }

    static WefClient connect(int port, SSLContext context) throws IOException {
        return connect(port, context, null);
    }

    /** @param preamble bytes sent before the TLS handshake (a PROXY protocol header), null for none */
    static WefClient connect(int port, SSLContext context, byte[] preamble) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        plain.setSoTimeout(READ_TIMEOUT_MILLIS);
        if (preamble != null) {
            plain.getOutputStream().write(preamble);
            plain.getOutputStream().flush();
        }
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true);
        socket.setUseClientMode(true);
        socket.startHandshake();
        return new WefClient(socket, port);
    }

    SSLSocket socket() {
        return (SSLSocket) socket;
    }

    /** A connection without TLS, as machines open to a Kerberos listener. */
    static WefClient plain(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return new WefClient(socket, port);
    }

    /** Posts a body with its Content-Length and reads the answer. */
    Response post(String uri, byte[] body, String... headers) throws IOException {
        send(request("POST", uri, body, headers));
        return read();
    }

    /** A request's bytes: the head (Host, Content-Length, then {@code headers} as "Name: value"), then the body. */
    byte[] request(String method, String uri, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(uri).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n");
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(headBytes);
        if (body != null) {
            request.writeBytes(body);
        }
        return request.toByteArray();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one answer. @throws EOFException when the server closed the connection instead */
    Response read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new EOFException("The server closed the connection without an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            // A repeated header (WWW-Authenticate) reads as one, its values joined as RFC 9110 allows.
            headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                    (first, next) -> first + ", " + next);
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("The answer's body was cut at " + body.length + " of " + length + " bytes");
        }
        return new Response(status, headers, body);
    }

    /** Whether the server has closed the connection: the next read finds its end, with nothing before it. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true; // a reset, or TLS closed without close_notify
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.US_ASCII);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
