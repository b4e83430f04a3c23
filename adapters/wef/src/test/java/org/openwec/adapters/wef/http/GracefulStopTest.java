package org.openwec.adapters.wef.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwec.adapters.wef.http.Messages.BOOKMARK;
import static org.openwec.adapters.wef.http.Messages.EVENT_1;
import static org.openwec.adapters.wef.http.Messages.HEARTBEAT_PATH;
import static org.openwec.adapters.wef.http.Messages.HEARTBEAT_SUBSCRIPTION;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link WefServer#close()}: stop accepting, let requests in flight finish within the grace period, close. */
class GracefulStopTest {

    private final TestPorts ports = new TestPorts().with(TestPorts.activeSubscription(HEARTBEAT_SUBSCRIPTION, "security"));
    private final ExecutorService background = Executors.newCachedThreadPool();
    private final CountDownLatch gate = new CountDownLatch(1);

    @AfterEach
    void release() {
        gate.countDown();
        background.shutdownNow();
    }

    @Test
    void a_request_in_flight_is_answered_idle_connections_close_and_no_new_one_is_accepted() throws Exception {
        TestCollector collector = TestCollector.start(ports);
        int port = collector.server.port();
        ports.eventsGate = gate;
        try (WefClient idle = collector.connect(); WefClient busy = collector.connect()) {
            assertThat(idle.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(200);
            Future<WefClient.Response> inFlight = background.submit(
                    () -> busy.post(HEARTBEAT_PATH, Messages.utf16(Messages.events("V", BOOKMARK, EVENT_1))));
            ports.eventsEntered.await();

            Future<?> closing = background.submit(collector::close);

            assertThat(idle.closedByServer()).isTrue(); // blocks until the stop reaches it
            assertNoNewConnectionIsServed(port);
            assertThat(closing).isNotDone();
            assertThat(inFlight).isNotDone();

            gate.countDown();
            WefClient.Response answer = inFlight.get();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Connection")).isEqualTo("close");
            closing.get();
            assertThat(busy.closedByServer()).isTrue();
        }
        assertThat(ports.batches).hasSize(1);
    }

    /**
     * Refused, as a rule. NIO closes a listening socket registered with a selector only when the event loop
     * next selects, so a connection arriving in that moment can complete its TCP handshake into the backlog
     * (this test saw it once in six runs); it is then reset, never answered.
     */
    private static void assertNoNewConnectionIsServed(int port) throws IOException {
        try (Socket late = new Socket()) {
            late.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            late.setSoTimeout(5_000);
            assertThat(late.getInputStream().read()).as("a connection that reached the closing socket").isEqualTo(-1);
        } catch (SocketException refusedOrReset) {
            // ConnectException (refused) or a reset: what a stopped collector does
        }
    }

    @Test
    void requests_still_running_after_the_grace_period_are_cut_off() throws Exception {
        TestCollector collector = TestCollector.start(ports, TestCollector.listener(null, false, 512_000),
                TestCollector.options().withStopGrace(Duration.ZERO));
        ports.eventsGate = gate;
        try (WefClient busy = collector.connect()) {
            busy.send(busy.request("POST", HEARTBEAT_PATH, Messages.utf16(Messages.events("V", BOOKMARK, EVENT_1))));
            ports.eventsEntered.await();

            collector.close();

            assertThat(busy.closedByServer()).isTrue();
        }
    }

    @Test
    void close_twice_is_harmless() throws IOException {
        TestCollector collector = TestCollector.start(ports);
        try (WefClient machine = collector.connect()) {
            assertThat(machine.post(HEARTBEAT_PATH, Messages.utf16(Messages.heartbeat())).status()).isEqualTo(200);
        }
        collector.close();
        collector.close();
    }
}
