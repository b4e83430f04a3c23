package org.openwec.adapters.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where the SQLite driver loads its native library from. Left alone, sqlite-jdbc writes the library for this
 * platform (about 1 MB) to the temporary directory at every start, reads it back to compare, and deletes it at
 * exit: a good part of a short CLI command's start-up (docs/benchmarks.md, "CLI start-up"). A launcher that
 * names a directory of its own in the system property {@value #DIRECTORY} gets the library extracted there
 * once, and loaded from there by every later start.
 *
 * <p>The launcher owns that directory and empties it whenever the program (so possibly the driver) is rebuilt:
 * a library is only ever found there next to the driver it came from. Whatever goes wrong here leaves the
 * driver to its own way.
 */
final class SqliteNativeLibrary {
    static final String DIRECTORY = "openwec.sqlite.native.dir";

    private static boolean prepared;

    private SqliteNativeLibrary() {}

    /** Points the driver at the launcher's copy of its library, extracting it first if needed; once per JVM. */
    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        String directory = System.getProperty(DIRECTORY);
        if (directory == null || directory.isBlank() || System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        try {
            Path library = extracted(Path.of(directory));
            System.setProperty("org.sqlite.lib.path", library.getParent().toString());
            System.setProperty("org.sqlite.lib.name", library.getFileName().toString());
            // The driver also sweeps its temporary directory for stale copies at every start: this one is small.
            System.setProperty("org.sqlite.tmpdir", library.getParent().toString());
        } catch (IOException | RuntimeException e) {
            // The driver extracts its library to the temporary directory, as it does by default.
        }
    }

    /** The library in {@code directory}, extracted there first when it is missing. */
    static Path extracted(Path directory) throws IOException {
        Path library = directory.toAbsolutePath().resolve(System.mapLibraryName("sqlitejdbc"));
        if (Files.isRegularFile(library)) {
            return library;
        }
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("The SQLite driver has no native library for this platform: " + resource);
            }
            Files.createDirectories(library.getParent());
            // Written aside, then renamed: a concurrent start sees the whole library or none.
            Path partial = Files.createTempFile(library.getParent(), "sqlitejdbc", ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        return library;
    }
}
