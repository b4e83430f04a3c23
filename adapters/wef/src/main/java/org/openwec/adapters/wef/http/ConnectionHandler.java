package org.openwec.adapters.wef.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;
import org.openwec.adapters.wef.BodyText;
import org.openwec.adapters.wef.DeliveryEndpoint;
import org.openwec.adapters.wef.kerberos.KerberosAcceptor;
import org.openwec.adapters.wef.kerberos.KerberosRefusal;
import org.openwec.adapters.wef.kerberos.KerberosSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a machine, on Netty's event loop: identifies the machine when the TLS handshake completes,
 * reads one request at a time, hands it to a request thread, writes the answer, and only then reads the next
 * request. Auto-read is off on every connection (and a {@code FlowControlHandler} holds what the HTTP decoder
 * produced beyond one message), so a slow use case holds its machine back instead of piling up work.
 *
 * <p>Checks before the body is read, as OpenWEC (server/src/lib.rs at a41b95f): POST only (else 404), a
 * Content-Length (else 400) no larger than {@code max_content_length} (else 400, the body left unread).
 *
 * <p>On a Kerberos listener the connection has no identity until a request's {@code Authorization} token is
 * accepted (else 401 with {@code WWW-Authenticate: Kerberos} and {@code Negotiate}, the connection kept); the
 * answer to that request carries the mutual-authentication reply. The security context stays with the
 * connection: request bodies are decrypted with it (an empty body is answered 200, as Windows' first request
 * gets; an unencrypted or undecryptable one 400, as OpenWEC), and answers are encrypted with it.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    /** Fired by {@link WefServer#close()} on every connection: close now when idle, after the answer when busy. */
    static final Object STOP = new Object();

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
    /** One DEBUG line per request, like OpenWEC's access log; enable this logger to get them. */
    private static final Logger ACCESS = LoggerFactory.getLogger("org.openwec.adapters.wef.http.access");

    /** How long a refused request may keep sending its body before the connection is closed anyway. */
    private static final long DISCARD_SECONDS = 10;

    /** What every connection of a server shares: {@code tls} or {@code kerberos}, the other null. */
    record Shared(ServerTls tls, KerberosAcceptor kerberos, MessageHandler messages, ExecutorService requests,
                  ServerMetrics metrics, int maxContentLength, BooleanSupplier stopping) {}

    private enum State {
        /** Waiting for a request. */
        IDLE,
        /** Reading the body of an accepted request. */
        READING,
        /** Reading past the body of a request refused before its body ({@link #pendingStatus}), then answering. */
        DRAINING,
        /** Answered and closing: dropping what remains of the body so that the answer is not lost to a reset. */
        DISCARDING,
        /** A request handed over, or an answer being written: nothing is read. */
        BUSY,
        CLOSED
    }

    private final Shared shared;
    /** Messages the decoder passed on while a request was being handled (a pipelining client). */
    private final ArrayDeque<Object> held = new ArrayDeque<>();

    private State state = State.IDLE;
    private HttpRequest head;
    private long startNanos;
    private boolean keepAlive;
    private ByteArrayOutputStream body;
    private int pendingStatus;
    private long dropped;
    private boolean dropLimitReached;
    private boolean refusalWritten;
    /** The connection's Kerberos security context; null on a TLS listener. */
    private KerberosSession kerberos;
    /** The {@code WWW-Authenticate} values of the answer to the current request, if any. */
    private String[] authenticate = new String[0];
    /** The current request's token, accepted on its request thread: GSS-API work is kept off the event loop. */
    private String pendingAuthorization;

    /**
     * An answer as written: a Kerberos answer's body is encrypted, with its own content type.
     *
     * @param authenticate {@code WWW-Authenticate} values decided on the request thread, null for none
     */
    private record Reply(int status, byte[] body, String contentType, String[] authenticate) {
        Reply(int status, byte[] body, String contentType) {
            this(status, body, contentType, null);
        }

        static Reply of(MessageHandler.Answer answer) {
            return new Reply(answer.status(), answer.body(), answer.body() == null ? null : BodyText.CONTENT_TYPE);
        }

        Reply withAuthenticate(String[] values) {
            return new Reply(status, body, contentType, values);
        }
    }

    ConnectionHandler(Shared shared) {
        this.shared = shared;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        super.channelActive(ctx);
        if (shared.stopping().getAsBoolean()) {
            ctx.close();
            return;
        }
        if (shared.kerberos() != null) {
            kerberos = shared.kerberos().newSession();
        }
        ctx.read();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        state = State.CLOSED;
        if (kerberos != null) {
            kerberos.close();
        }
        while (!held.isEmpty()) {
            ReferenceCountUtil.release(held.poll());
        }
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            handshakeCompleted(ctx, handshake);
        } else if (event == STOP) {
            if (state != State.BUSY) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    private void handshakeCompleted(ChannelHandlerContext ctx, SslHandshakeCompletionEvent handshake) {
        String ip = Connection.peerIp(ctx.channel());
        if (!handshake.isSuccess()) {
            Throwable cause = handshake.cause();
            if (ctx.channel().hasAttr(Connection.REFUSED) || cause instanceof ClosedChannelException) {
                LOG.debug("TLS handshake with {} ended: {}", ip, cause.toString());
            } else {
                LOG.warn("TLS handshake with {} failed: {}", ip, cause.getMessage() == null ? cause : cause.getMessage());
            }
            ctx.close();
            return;
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        Optional<ClientIdentity> client = shared.tls().identify(ssl.engine().getSession());
        if (client.isEmpty()) {
            // The trust manager refuses such certificates; this is a second line of defence.
            LOG.warn("TLS client {} presented no certificate naming a machine issued by a configured CA: connection closed", ip);
            ctx.close();
            return;
        }
        ctx.channel().attr(Connection.CLIENT).set(client.get());
        LOG.debug("TLS connection from {} ({}, {})", ip, client.get().machine(), ssl.engine().getSession().getProtocol());
        readIfWanted(ctx); // the handshake used up the reads asked for so far: ask for the first request
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (state == State.BUSY || !held.isEmpty()) {
            held.add(message); // pipelined: waits for the answer in progress
            return;
        }
        handle(ctx, message);
        readIfWanted(ctx);
    }

    /**
     * Asks for more at the end of every read cycle while a request is wanted: the flow-control handler
     * counts a read as satisfied at the end of a cycle even when the cycle brought no whole message.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readIfWanted(ctx);
        ctx.fireChannelReadComplete();
    }

    private void readIfWanted(ChannelHandlerContext ctx) {
        boolean wanted = state == State.IDLE || state == State.READING || state == State.DRAINING
                || state == State.DISCARDING;
        boolean open = kerberos != null || ctx.channel().attr(Connection.CLIENT).get() != null;
        if (wanted && held.isEmpty() && ctx.channel().isActive() && open) {
            ctx.read();
        }
    }

    private void handle(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof HttpRequest request) {
                onHead(ctx, request);
            }
            if (message instanceof HttpContent content && state != State.CLOSED) {
                onContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    /** The next request: first what arrived while the last one was handled, then from the network. */
    private void next(ChannelHandlerContext ctx) {
        state = State.IDLE;
        while (!held.isEmpty() && (state == State.IDLE || state == State.READING || state == State.DRAINING
                || state == State.DISCARDING)) {
            handle(ctx, held.poll());
        }
        readIfWanted(ctx);
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
        if (state == State.DISCARDING) {
            return; // a request sent behind a refused one: the connection is closing
        }
        head = request;
        startNanos = System.nanoTime();
        keepAlive = HttpUtil.isKeepAlive(request);
        authenticate = new String[0];
        pendingAuthorization = null;
        if (request.decoderResult().isFailure()) {
            refuseAndClose(ctx, 400, "the request cannot be read as HTTP/1.1: " + request.decoderResult().cause());
            return;
        }
        if (kerberos != null && !authenticate(ctx, request)) {
            return;
        }
        if (pendingAuthorization == null && ctx.channel().attr(Connection.CLIENT).get() == null) {
            refuseAndClose(ctx, 401, "the connection is not authenticated");
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            LOG.warn("{} {} from {}: 404, only POST is served", request.method(), request.uri(), who(ctx));
            pendingStatus = 404;
            dropped = 0;
            state = State.DRAINING;
            return;
        }
        long contentLength = contentLength(request);
        if (contentLength < 0) {
            refuseAndClose(ctx, 400, "no Content-Length header");
            return;
        }
        if (contentLength > shared.maxContentLength()) {
            refuseAndClose(ctx, 400, "Content-Length " + contentLength + " exceeds max_content_length "
                    + shared.maxContentLength());
            return;
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
        body = new ByteArrayOutputStream((int) Math.min(contentLength, 16_384));
        state = State.READING;
    }

    /**
     * Keeps the connection established by an earlier token, or takes the request's token to be accepted on the
     * request thread (a POST's: accepting costs the better part of a millisecond, and Windows opens a new
     * connection for many of its requests), or refuses at once a request without a usable token. A refused
     * token is answered 401 with the challenge once its body is read past, and the connection stays (the
     * machine retries on it, as with OpenWEC).
     */
    private boolean authenticate(ChannelHandlerContext ctx, HttpRequest request) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (kerberos.client().isEmpty() && KerberosSession.offersToken(authorization)
                && HttpMethod.POST.equals(request.method())) {
            pendingAuthorization = authorization;
            return true;
        }
        try {
            KerberosSession.Accepted accepted = kerberos.accept(authorization);
            if (ctx.channel().attr(Connection.CLIENT).get() == null) {
                ctx.channel().attr(Connection.CLIENT).set(new ClientIdentity(accepted.client(),
                        new DeliveryEndpoint.Kerberos()));
                LOG.debug("Kerberos connection from {} ({})", Connection.peerIp(ctx.channel()), accepted.client());
            }
            if (accepted.wwwAuthenticate() != null) {
                authenticate = new String[] {accepted.wwwAuthenticate()};
            }
            return true;
        } catch (KerberosRefusal e) {
            if (request.headers().contains(HttpHeaderNames.AUTHORIZATION)) {
                LOG.warn("{} {} from {}: 401, {}", request.method(), request.uri(), who(ctx), e.getMessage());
            } else {
                LOG.debug("{} {} from {}: 401, {}", request.method(), request.uri(), who(ctx), e.getMessage());
            }
            authenticate = KerberosSession.challenges();
            pendingStatus = 401;
            dropped = 0;
            state = State.DRAINING;
            return false;
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        ByteBuf bytes = content.content();
        switch (state) {
            case READING -> {
                if (content.decoderResult().isFailure()) {
                    refuseAndClose(ctx, 400, "the request body cannot be read: " + content.decoderResult().cause());
                    return;
                }
                if (body.size() + bytes.readableBytes() > shared.maxContentLength()) {
                    refuseAndClose(ctx, 400, "the body exceeds max_content_length " + shared.maxContentLength());
                    return;
                }
                try {
                    bytes.readBytes(body, bytes.readableBytes());
                } catch (IOException e) {
                    throw new IllegalStateException("A ByteArrayOutputStream does not fail", e);
                }
                if (last) {
                    dispatch(ctx);
                }
            }
            case DRAINING -> {
                if (drop(bytes)) {
                    ctx.close();
                } else if (last) {
                    answer(ctx, new Reply(pendingStatus, null, null));
                }
            }
            case DISCARDING -> {
                if (drop(bytes) || last) {
                    dropLimitReached = true;
                    if (refusalWritten) {
                        ctx.close();
                    }
                }
            }
            default -> {
                // IDLE or BUSY: content without a request head it belongs to; the decoder never sends it
            }
        }
    }

    /** Counts dropped body bytes; true once more were dropped than a body may hold (the sender is not a machine). */
    private boolean drop(ByteBuf bytes) {
        dropped += bytes.readableBytes();
        return dropped > 2L * shared.maxContentLength() + 65_536;
    }

    private void dispatch(ChannelHandlerContext ctx) {
        state = State.BUSY;
        // The client is null until a pending token is accepted, on the request thread.
        MessageHandler.Request request = new MessageHandler.Request(ctx.channel().attr(Connection.CLIENT).get(),
                Connection.peerIp(ctx.channel()), head.uri(), head.headers().get(HttpHeaderNames.CONTENT_ENCODING),
                body.toByteArray());
        body = null;
        KerberosSession session = kerberos;
        String authorization = pendingAuthorization;
        pendingAuthorization = null;
        String contentType = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        try {
            shared.requests().execute(() -> {
                Reply answer;
                try {
                    answer = session == null ? Reply.of(shared.messages().handle(request))
                            : kerberos(ctx, session, authorization, request, contentType);
                } catch (Throwable e) { // handle() answers every exception; an Error still must not leave the machine waiting
                    LOG.error("POST {} from {} ({}): 500, the request thread failed", request.uri(),
                            request.client() == null ? "-" : request.client().machine(), request.ip(), e);
                    answer = new Reply(500, null, null);
                }
                Reply done = answer;
                try {
                    ctx.executor().execute(() -> answer(ctx, done));
                } catch (RejectedExecutionException e) {
                    LOG.debug("POST {} from {}: answered {} after the server stopped", request.uri(), request.ip(),
                            done.status());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("POST {} from {}: 503, the server is stopping", head.uri(), who(ctx));
            keepAlive = false;
            answer(ctx, new Reply(503, null, null));
        }
    }

    /** On a request thread: accepts a pending token, then handles the request on the connection's context. */
    private Reply kerberos(ChannelHandlerContext ctx, KerberosSession session, String authorization,
                           MessageHandler.Request received, String contentType) {
        if (authorization == null) {
            return encrypted(session, received, contentType);
        }
        KerberosSession.Accepted accepted;
        try {
            accepted = session.accept(authorization);
        } catch (KerberosRefusal e) {
            LOG.warn("POST {} from {}: 401, {}", received.uri(), received.ip(), e.getMessage());
            return new Reply(401, null, null, KerberosSession.challenges());
        }
        ClientIdentity client = new ClientIdentity(accepted.client(), new DeliveryEndpoint.Kerberos());
        if (ctx.channel().attr(Connection.CLIENT).setIfAbsent(client) == null) {
            LOG.debug("Kerberos connection from {} ({})", received.ip(), accepted.client());
        }
        Reply reply = encrypted(session, new MessageHandler.Request(client, received.ip(), received.uri(),
                received.contentEncoding(), received.body()), contentType);
        return accepted.wwwAuthenticate() == null ? reply
                : reply.withAuthenticate(new String[] {accepted.wwwAuthenticate()});
    }

    /** On a request thread: decrypts the body, handles it, encrypts the answer. */
    private Reply encrypted(KerberosSession session, MessageHandler.Request sealed, String contentType) {
        byte[] plain = sealed.body();
        if (plain.length > 0) {
            try {
                plain = session.open(contentType, sealed.body());
            } catch (KerberosRefusal e) {
                LOG.warn("POST {} from {} ({}): 400, {}", sealed.uri(), sealed.client().machine(), sealed.ip(),
                        e.getMessage());
                return new Reply(400, null, null);
            }
        }
        MessageHandler.Answer answer = shared.messages().handle(new MessageHandler.Request(sealed.client(),
                sealed.ip(), sealed.uri(), sealed.contentEncoding(), plain, sealed.body().length));
        if (answer.body() == null) {
            return new Reply(answer.status(), null, null);
        }
        try {
            KerberosSession.Sealed reply = session.seal(answer.body());
            return new Reply(answer.status(), reply.body(), reply.contentType());
        } catch (KerberosRefusal e) {
            LOG.error("POST {} from {} ({}): 500, {}", sealed.uri(), sealed.client().machine(), sealed.ip(),
                    e.getMessage());
            return new Reply(500, null, null);
        }
    }

    /** Writes an answer; reads the next request once it is written, unless the connection ends here. */
    private void answer(ChannelHandlerContext ctx, Reply reply) {
        int status = reply.status();
        long nanos = System.nanoTime() - startNanos;
        shared.metrics().request(head.uri(), status, nanos);
        if (!ctx.channel().isActive()) {
            access(ctx, status, nanos, "X");
            state = State.CLOSED;
            return;
        }
        access(ctx, status, nanos, "+");
        boolean close = !keepAlive || shared.stopping().getAsBoolean();
        state = State.BUSY;
        ctx.writeAndFlush(response(reply, close)).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                LOG.debug("Answer to {} not sent: {}", who(ctx), written.cause().toString());
                ctx.close();
            } else if (close || shared.stopping().getAsBoolean()) {
                ctx.close();
            } else {
                next(ctx);
            }
        });
    }

    /**
     * Answers before the body is read, then closes: the body is dropped as it comes (never buffered), so that
     * the machine reads the answer rather than a connection reset.
     */
    private void refuseAndClose(ChannelHandlerContext ctx, int status, String why) {
        LOG.warn("{} {} from {}: {}, {}", head.method(), head.uri(), who(ctx), status, why);
        long nanos = System.nanoTime() - startNanos;
        shared.metrics().request(head.uri(), status, nanos);
        access(ctx, status, nanos, "+");
        state = State.DISCARDING;
        dropped = 0;
        dropLimitReached = head.decoderResult().isFailure(); // a broken request has no body the decoder will pass on
        refusalWritten = false;
        ctx.writeAndFlush(response(new Reply(status, null, null), true)).addListener((ChannelFutureListener) written -> {
            refusalWritten = true;
            if (!written.isSuccess() || dropLimitReached) {
                ctx.close();
            }
        });
        ctx.executor().schedule(() -> ctx.close(), DISCARD_SECONDS, TimeUnit.SECONDS);
    }

    private FullHttpResponse response(Reply reply, boolean close) {
        ByteBuf content = reply.body() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), content);
        if (reply.body() != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        }
        for (String value : reply.authenticate() != null ? reply.authenticate() : authenticate) {
            response.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, value);
        }
        HttpUtil.setContentLength(response, content.readableBytes());
        HttpUtil.setKeepAlive(response, !close);
        return response;
    }

    private static long contentLength(HttpRequest request) {
        try {
            return HttpUtil.getContentLength(request, -1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void access(ChannelHandlerContext ctx, int status, long nanos, String connection) {
        if (ACCESS.isDebugEnabled()) {
            ACCESS.debug("{} \"{} {}\" {} {} ms {}", who(ctx), head.method(), head.uri(), status,
                    String.format("%.3f", nanos / 1e6), connection);
        }
    }

    private static String who(ChannelHandlerContext ctx) {
        ClientIdentity client = ctx.channel().attr(Connection.CLIENT).get();
        String ip = Connection.peerIp(ctx.channel());
        return client == null ? ip : client.machine() + " (" + ip + ")";
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isTls(cause) && ctx.channel().attr(Connection.CLIENT).get() == null) {
            LOG.debug("TLS error before the handshake completed with {}: {}", who(ctx), cause.toString());
        } else if (cause instanceof IOException) {
            LOG.debug("Connection with {} failed: {}", who(ctx), cause.toString());
        } else {
            LOG.warn("Connection with {} closed after an error: {}", who(ctx), cause.toString());
        }
        ctx.close();
    }

    private static boolean isTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }
}
