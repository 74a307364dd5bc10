package dev.moat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moat.cli.CommandException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerfBackendsTest {

    @Test
    void eachChildGetsTheBenchmarkOptionsWithoutTheOnesSetPerChild() {
        List<String> args = List.of(
                "bench",
                "perf",
                "--sizes",
                "10000",
                "--backend",
                "embedded,opensearch",
                "--json=out.json",
                "--k",
                "5",
                "--json",
                "other.json",
                "--backend=opensearch",
                "--queries",
                "50");

        assertThat(PerfBackends.withoutOwnOptions(args))
                .containsExactly("bench", "perf", "--sizes", "10000", "--k", "5", "--queries", "50");
    }

    @Test
    void backendsDefaultToTheProcessOwnAndRefuseUnknownOnes() {
        PerfOptions options = new PerfOptions();
        assertThat(options.backends("embedded")).containsExactly("embedded");

        options.backends = List.of("Embedded", " opensearch", "embedded");
        assertThat(options.backends("embedded")).containsExactly("embedded", "opensearch");

        options.backends = List.of("elastic");
        assertThatThrownBy(() -> options.backends("embedded"))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("--backend takes embedded, opensearch or both")
                .hasMessageContaining("'elastic'");
    }
}
