package org.openwec.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/** The launcher's copy of the driver's native library: extracted once, whole, then reused as it is. */
class SqliteNativeLibraryTest {
    @TempDir
    Path dir;

    @Test
    void extractsTheDriversLibraryForThisPlatformOnceAndReusesIt() throws IOException {
        Path library = SqliteNativeLibrary.extracted(dir.resolve("native"));

        assertThat(library).hasParent(dir.resolve("native")).hasFileName(System.mapLibraryName("sqlitejdbc"));
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
            assertThat(Files.readAllBytes(library)).isEqualTo(in.readAllBytes());
        }
        assertThat(dir.resolve("native")).isDirectoryNotContaining("glob:**.partial");

        FileTime written = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(library, written);
        assertThat(SqliteNativeLibrary.extracted(dir.resolve("native"))).isEqualTo(library);
        assertThat(Files.getLastModifiedTime(library)).as("not written again").isEqualTo(written);
    }
}
