package org.openwec.app.server;

/** The {@code openwecd} program's entry point. */
public final class OpenwecdMain {
    private OpenwecdMain() {}

    public static void main(String[] args) {
        System.exit(new Openwecd(System.err).run(args));
    }
}
