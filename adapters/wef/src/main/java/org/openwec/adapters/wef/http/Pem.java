package org.openwec.adapters.wef.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where PEM text comes from: a file named in the configuration, or bytes the caller already holds (tests, a
 * secret store). {@link #name()} is what error messages show.
 */
public sealed interface Pem {

    /** The file path, or the name the caller gave the bytes. */
    String name();

    /** The PEM bytes. */
    byte[] read() throws IOException;

    static Pem file(Path path) {
        return new FromFile(path);
    }

    static Pem text(String name, String pem) {
        return new FromText(name, pem);
    }

    /** A PEM file, read when the listener starts. */
    record FromFile(Path path) implements Pem {
        public FromFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public byte[] read() throws IOException {
            return Files.readAllBytes(path);
        }
    }

    /** PEM text held in memory. */
    record FromText(String name, String pem) implements Pem {
        public FromText {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pem, "pem");
        }

        @Override
        public byte[] read() {
            return pem.getBytes(StandardCharsets.US_ASCII);
        }
    }
}
