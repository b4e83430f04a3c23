package org.openwec.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options of benchmarks/run --load: fast, run by every build (the load run itself is not). */
class LoadOptionsTest {

    @Test
    void defaults_are_the_issue_figures_and_the_assembled_server_where_there_is_no_openwecd(@TempDir Path root) {
        LoadOptions options = LoadOptions.parse(new String[] {"--load"}, root);

        assertThat(options.sqlite()).isTrue();
        assertThat(options.postgres()).isTrue();
        assertThat(options.clients()).isEqualTo(1000);
        assertThat(options.batch()).isEqualTo(10);
        assertThat(options.rate()).isEqualTo(3000);
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(45));
        assertThat(options.openwecd()).isNull();
    }

    @Test
    void openwecd_is_driven_when_the_tree_has_it(@TempDir Path root) throws Exception {
        Path launcher = Files.createFile(root.resolve("openwecd"));
        launcher.toFile().setExecutable(true);
        Path main = root.resolve("app/src/main/java/org/openwec/app/server/OpenwecdMain.java");
        Files.createDirectories(main.getParent());
        Files.createFile(main);

        assertThat(LoadOptions.parse(new String[] {"--load"}, root).openwecd()).isEqualTo(launcher);
        assertThat(LoadOptions.parse(new String[] {"--server", "assembled"}, root).openwecd()).isNull();
    }

    @Test
    void options_take_their_values(@TempDir Path root) {
        LoadOptions options = LoadOptions.parse(new String[] {"--only", "postgres", "--clients", "10", "--batch", "5",
                "--rate", "max", "--duration", "2m", "--warmup", "500ms"}, root);

        assertThat(options.sqlite()).isFalse();
        assertThat(options.postgres()).isTrue();
        assertThat(List.of(options.clients(), options.batch())).containsExactly(10, 5);
        assertThat(options.rate()).isZero();
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void bad_values_are_one_line_naming_the_option(@TempDir Path root) {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--only", "mysql"}, root))
                .hasMessage("--only takes sqlite or postgres, not mysql");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--clients", "0"}, root))
                .hasMessage("--clients takes a positive whole number, not 0");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--duration", "soon"}, root))
                .hasMessage("--duration takes a duration such as 60s, 2m or 500ms, not soon");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--server", "openwecd"}, root))
                .hasMessageStartingWith("--server openwecd: no ./openwecd in");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--frobnicate"}, root))
                .hasMessage("unknown argument --frobnicate");
    }
}
