package dev.moat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.support.LocomoFixture;
import dev.moat.support.RunningJar;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user runs it: its commands, JSON logs, and a restart cutting off an experiment (CrashIT
 * kills it mid-write).
 */
class MoatJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = RunningJar.JAR;

    @TempDir
    Path dataDir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private RunningJar server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void writesOneJsonObjectPerLogLineWhenAsked() throws Exception {
        server = new RunningJar(dataDir, "quarkus.log.console.json.enabled=true").start();
        // Started without --add-modules jdk.incubator.vector (RunningJar): Lucene's scalar comparisons, and it says so.
        assertThat(server.get("/v1/admin/index").get("vectorMath").asText()).isEqualTo("scalar");
        server.close();
        List<String> lines = Files.readAllLines(dataDir.resolveSibling(dataDir.getFileName() + "-server.log"));
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.has("level") && record.has("message") && record.has("timestamp"))
                    .as(line)
                    .isTrue();
        }
        assertThat(lines).anyMatch(l -> l.contains("started in"));
        assertThat(lines).anyMatch(l -> l.contains("Vectors are compared by scalar"));
        assertThat(lines).noneMatch(l -> l.contains("vectorization"));
    }

    @Test
    void benchRecallPrintsAndWritesItsFigures(@TempDir Path work) throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        LocomoFixture.write(data, JSON);
        Path out = work.resolve("recall.json");
        Result r = command("bench", "recall", "--dataset", data.toString(), "--json", out.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("recall@10").contains("ingest:").contains("1 evidence ids that name no turn");
        JsonNode report = JSON.readTree(out.toFile());
        assertThat(report.get("questions").asInt()).isEqualTo(4);
        assertThat(report.get("recall").get("10").asDouble()).isBetween(0.5, 1.0);
        assertThat(report.get("hit").has("20")).isTrue();
        assertThat(report.get("byCategory").has("4")).isTrue();
        assertThat(report.get("ingestPerSecond").asDouble()).isPositive();
        assertThat(report.get("searchMs").get("p99").asDouble()).isPositive();
    }

    @Test
    void benchPerfMeasuresEveryWayAndWritesItsFigures(@TempDir Path work) throws Exception {
        Path out = work.resolve("perf.json");
        Result r = command(
                "bench",
                "perf",
                "--sizes",
                "200",
                "--queries",
                "20",
                "--warmup",
                "5",
                "--peer-queries",
                "10",
                "--embedded-ingest",
                "20",
                "--chat-requests",
                "8",
                "--chat-clients",
                "2",
                "--users",
                "--user-count",
                "3",
                "--per-user",
                "30",
                "--json",
                out.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output())
                .contains("| 200 (1 user) |")
                .contains("| 90 (3 users) |")
                .contains("chats/s");
        JsonNode report = JSON.readTree(out.toFile());
        JsonNode steps = report.get("steps");
        assertThat(steps).hasSize(2);
        JsonNode one = steps.get(0);
        for (String way :
                List.of("http", "httpFloor", "inProcess", "inProcessCachedVector", "context", "lucene", "luceneKnn")) {
            assertThat(one.get(way).get("p50").asDouble()).as(way).isPositive();
            assertThat(steps.get(1).get(way).get("p99").asDouble()).as(way).isPositive();
        }
        assertThat(one.get("inMemoryStore").get("p50").asDouble()).isPositive();
        assertThat(report.get("machine").get("backend").asText()).isEqualTo("embedded");
        assertThat(one.get("engineTook").isNull())
                .as("Lucene in-process reports no took")
                .isTrue();
        assertThat(steps.get(1).get("inMemoryStore").isNull()).isTrue();
        assertThat(one.get("inProcessCachedOverLucene").asDouble()).isPositive();
        assertThat(one.get("resources").get("indexedMemories").asLong()).isEqualTo(200);
        assertThat(steps.get(1).get("resources").get("indexedMemories").asLong())
                .isEqualTo(290);
        assertThat(steps.get(1).get("resources").get("indexBytesPerMemory").asLong())
                .isPositive();
        assertThat(steps.get(1).get("resources").get("heapUsedMb").asLong()).isPositive();
        assertThat(report.get("ingestWithEmbeddings").get("perSecond").asDouble())
                .isPositive();
        assertThat(report.get("chat").get("requests").asInt()).isEqualTo(8);
        assertThat(report.get("chat").get("perSecond").asDouble()).isPositive();

        Result bad = command("bench", "perf", "--sizes", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("--sizes takes memory counts >= 1").doesNotContain("\tat ");
        Result noClients = command("bench", "perf", "--ingest-clients", "0");
        assertThat(noClients.exitCode()).isEqualTo(2);
        assertThat(noClients.output()).contains("--ingest-clients").doesNotContain("\tat ");
        Result badBackend = command("bench", "perf", "--backend", "embedded,solr");
        assertThat(badBackend.exitCode()).isEqualTo(2);
        assertThat(badBackend.output())
                .contains("--backend takes embedded, opensearch")
                .doesNotContain("\tat ");
    }

    @Test
    void benchHttpDrivesWrkInAnotherProcessAndWritesItsFigures(@TempDir Path work) throws Exception {
        Result noWrk = command("bench", "http", "--wrk", work.resolve("no-wrk").toString());
        assertThat(noWrk.exitCode()).isEqualTo(2);
        assertThat(noWrk.output()).contains("apt-get install wrk").doesNotContain("\tat ");
        Result bad = command("bench", "http", "--seconds", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("--seconds").doesNotContain("\tat ");

        boolean haveWrk =
                new ProcessBuilder("sh", "-c", "command -v wrk").start().waitFor() == 0;
        if (!haveWrk && !"true".equals(System.getenv("MOAT_REQUIRE_WRK"))) {
            return; // a machine without Debian's wrk: the refusals above are what can be checked
        }
        Path out = work.resolve("http.json");
        Result r = command(
                "bench",
                "http",
                "--memories",
                "300",
                "--chat-memories",
                "100",
                "--rounds",
                "1",
                "--seconds",
                "1",
                "--warmup-seconds",
                "0",
                "--chat-clients",
                "2",
                "--json",
                out.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("## Search over HTTP").contains("chats/s");
        JsonNode report = JSON.readTree(out.toFile());
        JsonNode round = report.get("rounds").get(0);
        for (String run : List.of("floor", "withKey", "httpSearch")) {
            assertThat(round.get(run).get("requests").asLong()).as(run).isPositive();
            assertThat(round.get(run).get("p99").asDouble()).as(run).isPositive();
        }
        assertThat(round.get("inProcess").get("searches").asLong()).isPositive();
        assertThat(round.get("inProcess").get("embeddingPlusLucene").get("p50").asDouble())
                .isPositive();
        assertThat(round.get("serverSide").get("httpServerMean").asDouble())
                .as("the search endpoint's own HTTP timer")
                .isPositive();
        assertThat(round.get("serverSide").get("searchMean").asDouble()).isPositive();
        JsonNode chat = report.get("chat");
        assertThat(chat.get("chats").get("requests").asLong()).isPositive();
        assertThat(chat.get("embeddingsPerChat").asDouble())
                .as("a chat embeds its message as a query and as a passage (e5's prefixes differ)")
                .isBetween(2.0, 3.0);
        assertThat(chat.get("modelAlonePerSecond").asDouble()).isPositive();
    }

    @Test
    void benchIngestMeasuresTheWritePathBesideABareLoadAndTheModelAlone(@TempDir Path work) throws Exception {
        Path out = work.resolve("ingest.json");
        Result r = command(
                "bench",
                "ingest",
                "--memories",
                "1200",
                "--embedded",
                "20",
                "--long-words",
                "40",
                "--json",
                out.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output())
                .contains("| bare: both |")
                .contains("of the bare rate")
                .contains("the model alone");
        JsonNode report = JSON.readTree(out.toFile());
        assertThat(report.get("memories").asInt()).isEqualTo(1200);
        for (String figure : List.of("bareJdbcSeconds", "bareLuceneSeconds", "barePerSecond", "moatPerSecond")) {
            assertThat(report.get(figure).asDouble()).as(figure).isPositive();
        }
        JsonNode withModel = report.get("withModel");
        assertThat(withModel.get("wordsEach").asDouble()).isGreaterThanOrEqualTo(40);
        assertThat(withModel.get("modelAlonePerSecond").asDouble()).isPositive();
        assertThat(withModel.get("moatPerSecond").asDouble()).isPositive();

        Result bad = command("bench", "ingest", "--memories", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("--memories >= 1").doesNotContain("\tat ");
    }

    @Test
    void benchStartupTimesTheStartUpCheckAtASize(@TempDir Path work) throws Exception {
        Path out = work.resolve("startup.json");
        Result r = command("bench", "startup", "--users", "3", "--per-user", "100", "--json", out.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("300 memories: boot").contains("the start-up check");
        JsonNode report = JSON.readTree(out.toFile());
        assertThat(report.get("memories").asLong()).isEqualTo(300);
        assertThat(report.get("check").get("memories").asLong())
                .as("the check reads every memory the load wrote")
                .isEqualTo(300);
        assertThat(report.get("check").get("indexed").asLong())
                .as("an index that follows the database has nothing to re-index")
                .isZero();
        assertThat(report.get("bootSeconds").asDouble()).isPositive();
        assertThat(report.get("allocatedMb").asDouble()).isPositive();

        Result bad = command("bench", "startup", "--users", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("--users, --per-user >= 1").doesNotContain("\tat ");
    }

    @Test
    void benchImportRunsAnExportThroughAnImportJob(@TempDir Path work) throws Exception {
        Path out = work.resolve("import.json");
        Result r = command(
                "bench",
                "import",
                "--conversations",
                "30",
                "--turns",
                "2",
                "--reply-chars",
                "100",
                "--json",
                out.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("| 120 | 60 |");
        JsonNode report = JSON.readTree(out.toFile());
        assertThat(report.get("memories").asInt()).isEqualTo(60);
        assertThat(report.at("/job/status").asText()).isEqualTo("done");
        assertThat(report.at("/job/progress/vectorsDone").asInt()).isEqualTo(60);
        assertThat(report.get("fullySearchableSeconds").asDouble())
                .isGreaterThanOrEqualTo(report.get("searchableByBm25Seconds").asDouble());

        Result bad = command("bench", "import", "--turns", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output())
                .contains("--conversations, --turns, --reply-chars >= 1")
                .doesNotContain("\tat ");
    }

    @Test
    void benchRecallExplainsAMissingOrMalformedDataSet(@TempDir Path work) throws Exception {
        Result missing =
                command("bench", "recall", "--dataset", work.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output())
                .contains("error: data set not found")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");

        Files.writeString(work.resolve("bad.json"), "[1, 2");
        Result malformed = command("bench", "recall", "--dataset", work.toString());
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.output()).contains("bad.json is not valid JSON").doesNotContain("\tat ");

        Result noCommand = command("bench");
        assertThat(noCommand.exitCode()).isEqualTo(2);
        assertThat(noCommand.output()).contains("error: name a command").contains("recall");

        Result usage = command("bench", "recall");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.output()).contains("Missing required option: '--dataset");
    }

    @Test
    void importsAChatGptExportAndExportsThePassportFromTheCommandLine(@TempDir Path work) throws Exception {
        Path conversations = work.resolve("conversations.json");
        try (var in = MoatJarIT.class.getResourceAsStream("/portability/chatgpt-conversations.json")) {
            Files.copy(in, conversations);
        }
        Result imported = command("import", "--user", "ana", "--format", "chatgpt", conversations.toString());
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(imported.output()).contains("3 memories added (0 already there), 2 sessions and 6 messages added");

        Path out = work.resolve("ana.passport.json");
        Result exported = command("export", "--user", "ana", "--out", out.toString());
        assertThat(exported.exitCode()).as(exported.output()).isZero();
        JsonNode passport = JSON.readTree(out.toFile());
        assertThat(passport.get("format").asText()).isEqualTo("moat-passport");
        assertThat(passport.get("memories")).hasSize(3);

        Path agent = work.resolve("sam.af");
        try (var in = MoatJarIT.class.getResourceAsStream("/portability/letta-agent.af")) {
            Files.copy(in, agent);
        }
        Result letta = command("import", "--user", "ana", "--format", "letta", agent.toString());
        assertThat(letta.exitCode()).as(letta.output()).isZero();
        assertThat(letta.output()).contains("6 memories added (0 already there), 1 sessions and 3 messages added");
        Path digest = work.resolve("ana.digest.md");
        Result summary = command(
                "export", "--user", "ana", "--format", "digest", "--max-tokens", "300", "--out", digest.toString());
        assertThat(summary.exitCode()).as(summary.output()).isZero();
        assertThat(summary.output()).contains("exported user ana as digest:", "tokens, to " + digest);
        assertThat(Files.readString(digest))
                .startsWith("# Memory digest: ana")
                .contains("- [2025-04-08] Lives in Leeds");
        Result unknown = command("export", "--user", "ana", "--format", "yaml", "--out", digest.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown export format 'yaml'");

        Result bad = command("import", "--user", "ana", "--format", "claude", out.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("error: not a valid claude document: at $");
        Result nobody = command(
                "export", "--user", "nobody", "--out", work.resolve("x.json").toString());
        assertThat(nobody.exitCode()).isEqualTo(2);
        assertThat(nobody.output()).contains("error: user 'nobody' has no memory to export");
        assertThat(work.resolve("x.json")).doesNotExist();
        Result noFolder = command(
                "export",
                "--user",
                "ana",
                "--out",
                work.resolve("missing/x.json").toString());
        assertThat(noFolder.exitCode()).isEqualTo(2);
        assertThat(noFolder.output()).contains("error: no folder " + work.resolve("missing"));

        start(); // a serving instance holds the data folder
        Result busy = command("export", "--user", "ana", "--out", out.toString());
        assertThat(busy.exitCode()).isEqualTo(2);
        assertThat(busy.output()).contains("error: the data folder is in use by a running Moat");
    }

    @Test
    void experimentRunWritesItsReportAndShowsProgress(@TempDir Path work) throws Exception {
        Path out = work.resolve("report");
        Result r = command(
                "experiment",
                "run",
                "--dataset",
                Path.of("data/examples/moat-example.jsonl").toAbsolutePath().toString(),
                "--out",
                out.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("5/5 sessions", "2 users, 5 sessions, 7 questions: memory value 1.000");
        assertThat(JSON.readTree(out.resolve("report.json").toFile())
                        .at("/summary/sessions")
                        .asInt())
                .isEqualTo(5);
        assertThat(Files.readAllLines(out.resolve("report.csv"))).hasSize(6);

        Result missing = command(
                "experiment", "run", "--dataset", work.resolve("none.jsonl").toString(), "--out", out.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("error: data set not found");
    }

    @Test
    void aRestartMarksARunItCutOffInterruptedAndForgetsItsReplayedUsers(@TempDir Path root) throws Exception {
        // A history long enough that the run is still going when the server is killed.
        StringBuilder history = new StringBuilder();
        for (int session = 1; session <= 200; session++) {
            for (int m = 1; m <= 10; m++) {
                history.append(String.format(
                        Locale.ROOT,
                        "{\"user\": \"long\", \"session\": \"%d\", \"timestamp\": \"2024-01-01T00:%02d:%02dZ\","
                                + " \"role\": \"user\", \"text\": \"session %d note %d about topic %d\","
                                + " \"id\": \"m%d-%d\"}%n",
                        session,
                        session % 60,
                        m,
                        session,
                        m,
                        session * m,
                        session,
                        m));
            }
        }
        history.append("{\"user\": \"long\", \"question\": \"topic 42?\", \"evidence\": [\"m42-1\"]}\n");
        Files.writeString(root.resolve("long.jsonl"), history);
        server = new RunningJar(dataDir, "moat.experiments.root=" + root).start();

        HttpResponse<String> started = http.send(
                server.request("/v1/experiments?path=long.jsonl")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = JSON.readTree(started.body()).get("id").asText();
        JsonNode view = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> server.get("/v1/experiments/" + id),
                        v -> v.at("/progress/sessionsDone").asInt() >= 2);
        assertThat(view.get("status").asText()).isEqualTo("running");
        server.kill();

        start();
        JsonNode after = server.get("/v1/experiments/" + id);
        assertThat(after.get("status").asText()).isEqualTo("interrupted");
        assertThat(after.get("error").asText()).contains("server stopped before the run finished");
        assertThat(after.at("/progress/sessionsDone").asInt()).isBetween(2, 199);
        // The half-replayed user is gone from the database and the index.
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(indexedMemories()).isZero());
    }

    private record Result(int exitCode, String output) {}

    /** Runs a command of the jar on this test's data folder. */
    private Result command(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(RunningJar.jvmOptions());
        cmd.addAll(List.of("-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().put("MOAT_DATA_DIR", dataDir.toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }

    private void start() throws Exception {
        server = new RunningJar(dataDir).start();
    }

    private long indexedMemories() throws IOException, InterruptedException {
        return server.get("/v1/admin/index").get("memories").asLong();
    }
}
