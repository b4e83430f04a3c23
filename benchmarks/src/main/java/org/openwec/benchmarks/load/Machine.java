package org.openwec.benchmarks.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One simulated Windows machine: its own TLS identity and one keep-alive connection, on which it enumerates once,
 * then sends a batch of events on its schedule and waits for the Ack before the next one, as Windows does; a
 * Heartbeat follows every so many batches. A connection lost is opened again (a new handshake) and the request
 * it carried sent again; an answer other than 200 is counted and the same request sent again a second later
 * (Windows keeps a batch until it is acknowledged). Everything runs on the connection's event loop.
 */
final class Machine {
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Fleet fleet;
    /** Every connection of this machine and every task of it run on this one thread: no locks needed. */
    final EventLoop loop;
    final String name;
    private final Envelopes envelopes;
    private Envelopes.Subscribed subscription;
    private Channel channel;

    /** Record id of the last event sent; that of the last event acknowledged. */
    private long recordId;
    private long ackedRecordId;
    private long batchesAcked;
    private long nextDue;

    /** The request in flight (or waiting to be sent again), null when none. */
    private Recorder.Kind kind;
    private byte[] body;
    private String path;
    private long batchRecordId;
    private long sentNanos;
    private boolean inFlight;
    /** A batch is scheduled on the loop and not sent yet. */
    private boolean waiting;
    private ScheduledFuture<?> timeout;
    private boolean started;
    private boolean stopped;

    Machine(Fleet fleet, EventLoop loop, String name, int index) {
        this.fleet = fleet;
        this.loop = loop;
        this.name = name;
        this.envelopes = new Envelopes(name, index, fleet.host());
        this.recordId = 1_000L * index; // distinct ranges make a mixed-up bookmark visible
        this.ackedRecordId = recordId;
    }

    long ackedRecordId() {
        return ackedRecordId;
    }

    long batchesAcked() {
        return batchesAcked;
    }

    /** Opens the connection; once the handshake is done, sends the Enumerate (or the request a lost connection held). */
    void connect() {
        ChannelFuture connecting = fleet.bootstrap(this).connect();
        channel = connecting.channel();
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                fleet.recorder().error("connect failed: " + done.cause().getClass().getSimpleName());
                reconnectLater();
                return;
            }
            channel.pipeline().get(SslHandler.class).handshakeFuture().addListener(handshake -> {
                if (!handshake.isSuccess()) {
                    fleet.recorder().error("TLS handshake failed: " + handshake.cause().getMessage());
                    fleet.handshakeFailed(this, handshake.cause());
                    return;
                }
                fleet.handshaken(this);
                if (subscription == null) {
                    send(Recorder.Kind.ENUMERATE, Envelopes.ENUMERATE_PATH, envelopes.enumerate());
                } else if (body != null && !inFlight) {
                    send(kind, path, body);
                } else if (!waiting) {
                    scheduleNext();
                }
            });
        });
    }

    private void reconnectLater() {
        if (!stopped) {
            loop.schedule(this::connect, RETRY_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    /** Begins the batches: the first at {@code firstDue} (System.nanoTime), then one every {@code intervalNanos}. */
    void start(long firstDue) {
        loop.execute(() -> {
            started = true;
            nextDue = firstDue;
            scheduleNext();
        });
    }

    /** No new request; the one in flight is still answered. */
    void stop() {
        loop.execute(() -> {
            stopped = true;
            if (body == null && !waiting) {
                fleet.idle(this);
            }
        });
    }

    void close() {
        channel.close();
    }

    private void scheduleNext() {
        if (stopped) {
            fleet.idle(this);
            return;
        }
        if (!started) {
            return;
        }
        long interval = fleet.intervalNanos();
        if (interval == 0) {
            sendBatch();
            return;
        }
        long now = System.nanoTime();
        long due = nextDue;
        nextDue = due + interval;
        if (due - now > 0) {
            waiting = true;
            loop.schedule(this::sendBatch, due - now, TimeUnit.NANOSECONDS);
            return;
        }
        if (now - due > interval) {
            fleet.recorder().lateStart(now);
            nextDue = now + interval; // no burst to catch up: a machine that fell behind stays behind
        }
        sendBatch();
    }

    private void sendBatch() {
        waiting = false;
        if (stopped) {
            fleet.idle(this);
            return;
        }
        int count = fleet.batchSize();
        batchRecordId = recordId + count;
        recordId = batchRecordId;
        send(Recorder.Kind.EVENTS, subscription.path(), envelopes.events(subscription, batchRecordId, count, Instant.now()));
    }

    private void send(Recorder.Kind what, String target, byte[] bytes) {
        kind = what;
        path = target;
        body = bytes;
        if (!channel.isActive()) {
            return; // sent again once the connection is back
        }
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target,
                Unpooled.wrappedBuffer(bytes));
        request.headers()
                .set(HttpHeaderNames.HOST, fleet.host())
                .set(HttpHeaderNames.CONTENT_TYPE, Envelopes.CONTENT_TYPE)
                .set(HttpHeaderNames.USER_AGENT, "Microsoft WinRM Client")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        inFlight = true;
        sentNanos = System.nanoTime();
        timeout = loop.schedule(this::timedOut, fleet.requestTimeoutNanos(), TimeUnit.NANOSECONDS);
        channel.writeAndFlush(request);
    }

    private void timedOut() {
        fleet.recorder().error(kind.name().toLowerCase() + ": no answer within " + fleet.requestTimeoutNanos() / 1_000_000_000 + " s");
        channel.close(); // the request goes again on a new connection
    }

    private void answered(FullHttpResponse response) {
        long now = System.nanoTime();
        if (timeout != null) {
            timeout.cancel(false);
        }
        inFlight = false;
        int status = response.status().code();
        if (status != 200) {
            fleet.recorder().error(kind.name().toLowerCase() + ": HTTP " + status);
            Recorder.Kind again = kind;
            String target = path;
            byte[] bytes = body;
            loop.schedule(() -> {
                if (!inFlight && body == bytes) { // not already sent again on a new connection
                    send(again, target, bytes);
                }
            }, RETRY_NANOS, TimeUnit.NANOSECONDS);
            return;
        }
        Recorder.Kind done = kind;
        body = null;
        fleet.recorder().answered(done, sentNanos, now);
        switch (done) {
            case ENUMERATE -> {
                ByteBuf content = response.content();
                String text = content.toString(2, content.readableBytes() - 2, StandardCharsets.UTF_16LE);
                try {
                    subscription = envelopes.subscribe(text);
                } catch (IllegalStateException e) {
                    fleet.recorder().error("enumerate: no subscription offered");
                    fleet.enumerated(this, false);
                    return;
                }
                fleet.enumerated(this, true);
            }
            case EVENTS -> {
                ackedRecordId = batchRecordId;
                batchesAcked++;
                if (fleet.heartbeatEvery() > 0 && batchesAcked % fleet.heartbeatEvery() == 0 && !stopped) {
                    send(Recorder.Kind.HEARTBEAT, subscription.path(), envelopes.heartbeat(subscription));
                } else {
                    scheduleNext();
                }
            }
            case HEARTBEAT -> scheduleNext();
        }
    }

    /** A random point of the first interval, so that machines do not all send at the same instant. */
    static long phase(long intervalNanos) {
        return intervalNanos == 0 ? 0 : ThreadLocalRandom.current().nextLong(intervalNanos);
    }

    /** The connection's last handler: answers in, and the connection's end. */
    final class Handler extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            answered(response);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() != channel) {
                return; // an earlier connection of this machine
            }
            inFlight = false;
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (fleet.closing()) {
                return;
            }
            fleet.recorder().error("connection closed by the collector" + (body == null ? " (idle)" : " (request in flight)"));
            if (stopped) {
                fleet.idle(Machine.this); // what it held is not sent again: the run is over
                return;
            }
            reconnectLater();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fleet.recorder().error("connection error: " + cause.getClass().getSimpleName());
            ctx.close();
        }
    }
}
