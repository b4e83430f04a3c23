package org.openwec.adapters.wef.kerberos;

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
import org.ietf.jgss.GSSException;

/**
 * A Windows machine talking to a Kerberos collector over one kept-alive HTTP/1.1 connection, as WinRM does
 * (OpenWEC doc/protocol.md at a41b95f): the first request carries the token and an empty body, later requests
 * carry bodies sealed by the connection's security context, and answers are opened with it. For the tests of
 * other modules (openwecd's, the load run).
 */
public final class KerberosMachine implements Closeable {

    /** An answer; {@code body} is the decrypted plain text (empty for an answer without body). */
    public record Answer(int status, Map<String, String> headers, byte[] body) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private final TestInitiator.Context context;

    private KerberosMachine(Socket socket, String host, TestInitiator.Context context) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.host = host;
        this.context = context;
    }

    /**
     * Connects and authenticates: posts the token with an empty body to {@code uri}, and takes the collector's
     * mutual-authentication reply.
     *
     * @throws IOException when the collector does not answer 200 with a reply token
     */
    public static KerberosMachine connect(int port, TestInitiator machine, String servicePrincipal, Scheme scheme,
                                          String uri) throws IOException, GSSException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 20_000);
        // The head and the body go in two writes: without this, Nagle holds the body until the collector's delayed
        // ACK (40 ms on Linux), which the load run measured as every Ack's latency.
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        KerberosMachine connection = new KerberosMachine(socket, "127.0.0.1:" + port,
                machine.connect(servicePrincipal, scheme));
        Answer first = connection.raw(uri, new byte[0], "Authorization: " + connection.context.authorization(),
                "Content-Type: application/soap+xml;charset=UTF-16");
        if (first.status() != 200) {
            socket.close();
            throw new IOException("the collector answered " + first.status() + " to the token");
        }
        connection.context.reply(first.headers().get("www-authenticate"));
        return connection;
    }

    /** Posts a sealed body and opens the answer. */
    public Answer post(String uri, byte[] plain, String... headers) throws IOException, GSSException {
        String[] all = new String[headers.length + 1];
        all[0] = "Content-Type: " + context.contentType();
        System.arraycopy(headers, 0, all, 1, headers.length);
        Answer sealed = raw(uri, context.seal(plain), all);
        if (sealed.body().length == 0) {
            return sealed;
        }
        return new Answer(sealed.status(), sealed.headers(),
                context.open(sealed.headers().get("content-type"), sealed.body()));
    }

    private Answer raw(String uri, byte[] body, String... headers) throws IOException {
        StringBuilder head = new StringBuilder("POST ").append(uri).append(" HTTP/1.1\r\nHost: ").append(host)
                .append("\r\nConnection: Keep-Alive\r\nContent-Length: ").append(body.length).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String status = line();
        if (status == null) {
            throw new EOFException("the collector closed the connection without an answer");
        }
        Map<String, String> answerHeaders = new LinkedHashMap<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            answerHeaders.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
        }
        int length = Integer.parseInt(answerHeaders.getOrDefault("content-length", "0"));
        byte[] answer = in.readNBytes(length);
        if (answer.length < length) {
            throw new EOFException("the answer was cut at " + answer.length + " of " + length + " bytes");
        }
        return new Answer(Integer.parseInt(status.split(" ", 3)[1]), answerHeaders, answer);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
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
