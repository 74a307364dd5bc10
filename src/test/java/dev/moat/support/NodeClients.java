package dev.moat.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The official npm clients the ITs drive (src/test/node): copied to target/node-client and installed there once, by
 * npm ci from the committed lock file, then run with node.
 */
public final class NodeClients {

    private static final Path SOURCE = Path.of("src/test/node");
    private static final Path DIR = Path.of("target/node-client");
    private static final List<String> PACKAGES = List.of(
            "openai",
            "@modelcontextprotocol/sdk",
            "@anthropic-ai/sdk",
            "@langchain/openai",
            "ai",
            "@ai-sdk/openai-compatible");

    private NodeClients() {}

    /** The installed clients' folder: the scripts copied afresh, the packages installed when any is missing. */
    public static synchronized Path installed() throws Exception {
        Files.createDirectories(DIR);
        try (Stream<Path> files = Files.list(SOURCE)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, DIR.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (PACKAGES.stream()
                .anyMatch(p -> !Files.isDirectory(DIR.resolve("node_modules").resolve(p)))) {
            run("npm", "ci", "--no-audit", "--no-fund");
        }
        return DIR;
    }

    /** Runs the command in the clients' folder; its output, after asserting it ended well within 5 minutes. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(DIR.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(300, TimeUnit.SECONDS))
                .as("%s timed out", String.join(" ", command))
                .isTrue();
        assertThat(p.exitValue())
                .as("%s failed:%n%s", String.join(" ", command), output)
                .isZero();
        return output;
    }

    /** The last line of the output: where the scripts print their JSON. */
    public static String lastLine(String output) {
        return output.lines().reduce((a, b) -> b).orElseThrow();
    }
}
