package org.openwec.app.server;

import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * The Unix signals {@code openwecd} answers, on the JDK's {@code sun.misc.Signal} (module jdk.unsupported, the
 * only way a Java program can handle SIGHUP). Kept behind this class so that nothing else depends on it.
 * Handlers run on a thread of the JVM's signal dispatcher: they must hand the work over quickly.
 */
final class Signals {
    private Signals() {}

    /**
     * Handles SIGTERM and SIGINT with {@code stop} instead of the JVM's immediate shutdown (which would exit with
     * 143 or 130), and SIGHUP with {@code reload}; each gets the signal's name ("TERM", "INT", "HUP").
     *
     * @throws IllegalArgumentException when the system has no such signal or the JVM keeps it (run with -Xrs)
     */
    static void handle(Consumer<String> stop, Consumer<String> reload) {
        Signal.handle(new Signal("TERM"), signal -> stop.accept(signal.getName()));
        Signal.handle(new Signal("INT"), signal -> stop.accept(signal.getName()));
        Signal.handle(new Signal("HUP"), signal -> reload.accept(signal.getName()));
    }
}
