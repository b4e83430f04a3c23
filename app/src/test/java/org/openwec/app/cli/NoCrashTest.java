package org.openwec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwec.app.CliHarness;
import org.openwec.app.CliHarness.Result;

/**
 * No input makes the program crash: every bad argument, file or identifier ends in one of the two
 * documented outcomes, a usage error (exit 2) or an error message (exit 1), never a stack trace.
 */
class NoCrashTest {
    @TempDir
    Path dir;

    CliHarness h;

    @BeforeEach
    void setUp() {
        h = CliHarness.inMemory(dir);
        h.freshDatabase();
        assertThat(h.cli("subscriptions", "load", "-y",
                TestData.write(h, "a.toml", TestData.toml("aaaaaaaa-0000-4000-8000-000000000001", "alpha", "")).toString()).code())
                .isZero();
    }

    @Test
    void badInputsEndInAnErrorNeverACrash() throws Exception {
        Path empty = TestData.write(h, "empty", "");
        Path binary = Files.write(dir.resolve("binary"), new byte[] {0, (byte) 0xFF, (byte) 0xFE, 0x12, (byte) 0x80});
        Path deep = TestData.write(h, "deep.json", "[".repeat(5000) + "]".repeat(5000));
        Path directory = Files.createDirectories(dir.resolve("a-directory"));
        String[][] cases = {
                {"subscriptions", "show", ""},
                {"subscriptions", "show", "\u0000"},
                {"subscriptions", "new", "", empty.toString()},
                {"subscriptions", "new", "x", empty.toString()},
                {"subscriptions", "new", "x", binary.toString()},
                {"subscriptions", "new", "x", directory.toString()},
                {"subscriptions", "new", "x", "nul\u0000byte"},
                {"subscriptions", "edit", "alpha", "--rename", ""},
                {"subscriptions", "edit", "alpha", "--rename", "  "},
                {"subscriptions", "edit", "alpha", "--query", directory.toString()},
                {"subscriptions", "edit", "alpha", "--heartbeat-interval", "99999999999999999999999"},
                {"subscriptions", "edit", "alpha", "--connection-retry-count", "-0x1"},
                {"subscriptions", "edit", "alpha", "outputs", "delete", "-y", "2147483648"},
                {"subscriptions", "edit", "alpha", "outputs", "enable", "abc"},
                {"subscriptions", "edit", "alpha", "outputs", "add", "-f", "json", "tcp", "h", "port"},
                {"subscriptions", "import", empty.toString()},
                {"subscriptions", "import", binary.toString()},
                {"subscriptions", "import", deep.toString()},
                {"subscriptions", "import", directory.toString()},
                {"subscriptions", "import", "-f", "windows", empty.toString()},
                {"subscriptions", "import", "-f", "windows", binary.toString()},
                {"subscriptions", "import", "-f", "windows", deep.toString()},
                {"subscriptions", "load", "-y", empty.toString()},
                {"subscriptions", "load", "-y", binary.toString()},
                {"subscriptions", "load", "-y", deep.toString()},
                {"subscriptions", "load", "-y", "-k", "nul\u0000"},
                {"subscriptions", "skell", directory.resolve("missing").resolve("x.toml").toString()},
                {"subscriptions", "skell", directory.toString()},
                {"subscriptions", "enable"},
                {"subscriptions", "reload", "alpha", "nope"},
                {"subscriptions", "clients", "alpha", "--interval", "4294967296"},
                {"subscriptions", "duplicate", "alpha", ""},
                {"heartbeats", "--format", "xml"},
                {"stats", "-s", ""},
                {"bookmarks", "copy", "alpha", "alpha"},
                {"bookmarks", "show", "alpha", "-m", "nobody"},
                {"completion"},
                {"subscriptions", "edit"},
        };
        for (String[] args : cases) {
            Result r = h.cli(args);

            assertThat(r.code()).as(Arrays.toString(args) + "\n" + r).isIn(1, 2);
            CliHarness.assertNoStackTrace(r);
            assertThat(r.err()).as(Arrays.toString(args)).doesNotContain("run again with -v");
            List<String> lines = r.err().strip().lines().toList();
            assertThat(lines.get(0)).as(Arrays.toString(args)).matches(r.code() == 1 ? "An error occurred: .+" : "openwec: .+");
        }
        assertThat(h.cli("subscriptions").out()).isEqualTo("[+] alpha (*)\n");
    }
}
