package org.openwec.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The reference's confirmation: {@code <message> [Y/n] }; "y", "Y" or an empty line mean yes, "n" or
 * "N" no, anything else asks again, three times at most. Unlike the reference, end of input (no terminal,
 * CI) is an immediate no, so an unattended run never proceeds by accident: use --yes there.
 */
final class Prompt {
    private static final int ATTEMPTS = 3;
    private final BufferedReader in;
    private final PrintWriter out;

    Prompt(BufferedReader in, PrintWriter out) {
        this.in = in;
        this.out = out;
    }

    boolean confirm(String message) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            out.print(message + " [Y/n] ");
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                out.println();
                return false;
            }
            if (line.isEmpty() || line.equals("y") || line.equals("Y")) {
                return true;
            }
            if (line.equals("n") || line.equals("N")) {
                return false;
            }
        }
        return false;
    }
}
