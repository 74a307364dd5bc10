package dev.moat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import dev.moat.embed.EmbeddingService;
import dev.moat.memory.Memory;
import dev.moat.memory.MemoryRepository;
import dev.moat.user.Owner;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A ChatGPT export past the request body limit imported through the API as an import job (POST
 * /v1/users/{id}/imports), from this process's own server: the time to the 202, to the first part and to all of it
 * searchable by BM25, and to fully searchable (every vector in), with the vectors' rate beside the embedding model's
 * alone on the same texts. docs/BENCHMARKS.md, "An import job of a 10,000-message export", reports a run.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description =
                "A large ChatGPT export through an import job: time to searchable by BM25 and to fully searchable.")
@Dependent
@Unremovable
public class ImportBenchCommand implements Callable<Integer> {

    @Option(
            names = "--conversations",
            defaultValue = "1000",
            description = "Conversations in the export (default ${DEFAULT-VALUE}).")
    int conversations;

    @Option(
            names = "--turns",
            defaultValue = "5",
            description = "User messages in each, each answered by the assistant (default ${DEFAULT-VALUE}).")
    int turns;

    @Option(
            names = "--reply-chars",
            defaultValue = "2000",
            description = "Length of each assistant reply (default ${DEFAULT-VALUE}).")
    int replyChars;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the texts (${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    JsonReport json;

    @Inject
    BenchKey key;

    @Inject
    ObjectMapper mapper;

    @Inject
    MemoryRepository memories;

    @Inject
    EmbeddingService embeddings;

    /**
     * Seconds from the upload's first byte: accepted (the 202), firstPartSearchable (the first part committed),
     * searchableByBm25 (every part in), fullySearchable (every vector in). Rates in memories a second: the vectors'
     * phase, and the embedding model alone on the same passages (the same texts, the same batches).
     */
    public record ImportBenchReport(
            int messages,
            int memories,
            long bytes,
            int parts,
            double acceptedSeconds,
            double firstPartSearchableSeconds,
            double searchableByBm25Seconds,
            double fullySearchableSeconds,
            double importPartsPerSecond,
            double vectorsPerSecond,
            double modelAlonePerSecond,
            double vectorsOfModelAlone,
            JsonNode job) {}

    @Override
    public Integer call() throws Exception {
        if (conversations < 1 || turns < 1 || replyChars < 1) {
            throw new CommandException("--conversations, --turns, --reply-chars >= 1");
        }
        Path file = Files.createTempFile("moat-bench-import", ".json");
        try {
            return run(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private int run(Path file) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            SyntheticChatGptExport.write(out, conversations, turns, replyChars, seed);
        }
        long bytes = Files.size(file);
        int messages = 2 * conversations * turns;
        Owner owner = Owner.of("bench-import-" + Long.toString(System.currentTimeMillis(), 36));
        System.err.printf(
                Locale.ROOT,
                "bench import: %,d messages, %,.1f MB, to user %s%n",
                messages,
                bytes / 1e6,
                owner.userId());

        String base = "http://127.0.0.1:" + System.getProperty("quarkus.http.port") + "/v1/users/" + owner.userId()
                + "/imports";
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        HttpResponse<String> accepted = http.send(
                HttpRequest.newBuilder(URI.create(base + "?format=chatgpt"))
                        .header("Authorization", key.bearer())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double acceptedSeconds = (System.nanoTime() - t0) / 1e9;
        if (accepted.statusCode() != 202) {
            throw new CommandException("the import answered " + accepted.statusCode() + ": " + accepted.body(), 1);
        }
        String id = mapper.readTree(accepted.body()).get("id").asText();
        double firstPart = Double.NaN;
        JsonNode job;
        while (true) {
            job = mapper.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(base + "/" + id))
                                    .header("Authorization", key.bearer())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            if (Double.isNaN(firstPart) && job.at("/progress/partsDone").asInt() > 0) {
                firstPart = (System.nanoTime() - t0) / 1e9;
            }
            String status = job.get("status").asText();
            if (!List.of("queued", "checking", "importing", "embedding").contains(status)) {
                break;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        if (!job.get("status").asText().equals("done")) {
            throw new CommandException("the import job ended " + job.get("status") + ": " + job.path("error"), 1);
        }
        Instant started = Instant.parse(job.get("startedAt").asText());
        Instant searchable = Instant.parse(job.get("searchableAt").asText());
        Instant finished = Instant.parse(job.get("finishedAt").asText());
        int added = job.at("/progress/memoriesAdded").asInt();
        double modelAlone = modelAlone(owner);
        double vectors = added / seconds(searchable, finished);

        ImportBenchReport report = new ImportBenchReport(
                messages,
                added,
                bytes,
                job.at("/progress/partsTotal").asInt(),
                JsonReport.round2(acceptedSeconds),
                JsonReport.round2(firstPart),
                JsonReport.round2(seconds(start, searchable)),
                JsonReport.round2(seconds(start, finished)),
                JsonReport.round2(job.at("/progress/partsTotal").asInt() / seconds(started, searchable)),
                JsonReport.round2(vectors),
                JsonReport.round2(modelAlone),
                JsonReport.round2(vectors / modelAlone),
                job);
        System.out.printf(
                Locale.ROOT,
                "| messages | memories | MB | accepted (202) | first part searchable | all searchable by BM25 | fully"
                        + " searchable | vectors/s | model alone/s | vectors of model alone |%n"
                        + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |%n"
                        + "| %,d | %,d | %.1f | %.2f s | %.2f s | %.2f s | %.2f s | %.1f | %.1f | %.0f %% |%n",
                messages,
                added,
                bytes / 1e6,
                report.acceptedSeconds(),
                report.firstPartSearchableSeconds(),
                report.searchableByBm25Seconds(),
                report.fullySearchableSeconds(),
                report.vectorsPerSecond(),
                report.modelAlonePerSecond(),
                100 * report.vectorsOfModelAlone());
        json.write(mapper, report);
        return 0;
    }

    /** The model alone on the passages the job embedded (each memory's text and context), in the job's batches. */
    private double modelAlone(Owner owner) {
        List<String> passages = new ArrayList<>();
        for (Memory m : memories.list("tenantId = ?1 and userId = ?2", owner.tenantId(), owner.userId())) {
            passages.add(EmbeddingService.passage(m.text, m.context));
        }
        long t0 = System.nanoTime();
        for (int from = 0; from < passages.size(); from += 256) {
            embeddings.embedAll(passages.subList(from, Math.min(passages.size(), from + 256)));
        }
        return passages.size() / ((System.nanoTime() - t0) / 1e9);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1e3;
    }
}
