package dev.moat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.support.RunningJar;
import dev.moat.support.SuppressForbidden;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar killed with SIGKILL at random moments while clients write, restarted on the same data folder, cycle after
 * cycle: every memory whose request got a 2xx is in the database once and found by search, and the index holds
 * exactly the database's memories. Some cycles stop the jar gracefully instead, delete its index folder, or break
 * its segment files; the index is rebuilt from the database at start-up.
 *
 * <p>Ten cycles by default; {@code -Dmoat.crash.cycles=N} runs more, {@code -Dmoat.crash.seed=S} repeats a run (the
 * seed is printed).
 */
class CrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CYCLES = Integer.getInteger("moat.crash.cycles", 10);
    private static final List<String> USERS = List.of("crash-a", "crash-b");
    private static final int WRITERS_PER_USER = 2;

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newCachedThreadPool())
            .build();
    private RunningJar server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void keepsEveryAcknowledgedMemoryOnceThroughKillCycles() throws Exception {
        long seed = Long.getLong("moat.crash.seed", System.nanoTime());
        System.out.printf(
                Locale.ROOT, "crash test: %d cycles, seed %d (-Dmoat.crash.seed=%d repeats it)%n", CYCLES, seed, seed);
        Random random = new Random(seed);
        Map<String, Set<String>> acknowledged = new HashMap<>();
        USERS.forEach(u -> acknowledged.put(u, ConcurrentHashMap.newKeySet()));
        int kills = 0;

        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            server = new RunningJar(dataDir).start();
            for (String user : USERS) {
                // Each start already holds everything acknowledged before it.
                assertThat(total(user))
                        .isGreaterThanOrEqualTo(acknowledged.get(user).size());
            }
            // Now and then the shutdown path, which must lose nothing either; first of all, so the jar's class-data
            // archive (RunningJar) is written at once and the later starts are quicker.
            boolean graceful = cycle % 5 == 1;
            writeUntilStopped(100 + random.nextInt(700), cycle, acknowledged, graceful);
            kills += graceful ? 0 : 1;
            if (cycle % 5 == 3) {
                deleteTree(dataDir.resolve("index"));
            } else if (cycle % 5 == 4) {
                breakSegmentFiles();
            }
        }

        server = new RunningJar(dataDir).start();
        int sent = 0;
        int found = 0;
        int kept = 0;
        for (String user : USERS) {
            List<String> texts = allTexts(user);
            assertThat(texts).as("no memory twice").doesNotHaveDuplicates();
            assertThat(total(user)).isEqualTo(texts.size());
            kept += texts.size();
            Set<String> stored = new HashSet<>(texts);
            for (String token : acknowledged.get(user)) {
                sent++;
                assertThat(stored)
                        .as("acknowledged memory %s in the database", token)
                        .contains(text(token));
            }
            found += foundBySearch(user, acknowledged.get(user));
        }
        long indexed = server.get("/v1/admin/index").get("memories").asLong();
        assertThat(indexed)
                .as("the index holds exactly the database's memories")
                .isEqualTo(kept);
        assertThat(found).isEqualTo(sent).isPositive();
        System.out.printf(
                Locale.ROOT,
                "crash test: %d cycles (%d SIGKILL, %d graceful), %d memories acknowledged, %d found in the database"
                        + " and by search, %d kept in all (requests cut off mid-flight may land), index %d%n",
                CYCLES,
                kills,
                CYCLES - kills,
                sent,
                found,
                kept,
                indexed);
    }

    /** Searches each token, four at a time: each acknowledged memory is among its hits, once. */
    private int foundBySearch(String user, Set<String> tokens) throws Exception {
        ExecutorService searchers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> searches = new ArrayList<>();
            for (String token : tokens) {
                searches.add(searchers.submit(() -> {
                    assertThat(search(user, token)).as("search for %s", token).containsOnlyOnce(text(token));
                    return 1;
                }));
            }
            int found = 0;
            for (Future<Integer> f : searches) {
                found += f.get();
            }
            return found;
        } finally {
            searchers.shutdownNow();
        }
    }

    /**
     * Writers, two per user, alternating single and batch writes; the given time after the first write is
     * acknowledged (the first one waits for the embedding model to load), the server is stopped under them (SIGKILL,
     * or SIGTERM when graceful). Collects the memories of the requests that got a 201.
     */
    @SuppressForbidden("the stop comes at a random moment after the first acknowledged write: that wait is the test")
    private void writeUntilStopped(long millis, int cycle, Map<String, Set<String>> acknowledged, boolean graceful)
            throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(USERS.size() * WRITERS_PER_USER);
        List<Future<?>> running = new ArrayList<>();
        int writer = 0;
        for (String user : USERS) {
            for (int w = 0; w < WRITERS_PER_USER; w++, writer++) {
                String prefix = "c" + cycle + "w" + writer + "n";
                Set<String> mine = acknowledged.get(user);
                running.add(writers.submit(() -> write(user, prefix, writing, mine)));
            }
        }
        int before = count(acknowledged);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> count(acknowledged) > before);
        Thread.sleep(millis); // how long the writers run before the stop: the cycle's random point
        if (graceful) {
            server.close();
        } else {
            server.kill(); // no shutdown hook, no final index commit; requests in flight are cut off
        }
        writing.set(false);
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<?> f : running) {
            f.get(); // an unexpected status fails the test here
        }
    }

    private Void write(String user, String prefix, AtomicBoolean writing, Set<String> acknowledged)
            throws InterruptedException {
        for (int i = 0; writing.get(); i += 3) {
            List<String> tokens =
                    i % 2 == 0 ? List.of(prefix + i) : List.of(prefix + i, prefix + (i + 1), prefix + (i + 2));
            Object body = tokens.size() == 1
                    ? Map.of("text", text(tokens.get(0)))
                    : tokens.stream().map(t -> Map.of("text", text(t))).toList();
            String path = "/v1/users/" + user + "/memories" + (tokens.size() == 1 ? "" : "/batch");
            HttpResponse<String> r;
            try {
                r = post(path, body);
            } catch (IOException e) {
                return null; // the server is gone; this request is not acknowledged
            }
            if (r.statusCode() == 503) {
                return null; // a graceful stop under way turns new requests away
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            acknowledged.addAll(tokens);
        }
        return null;
    }

    private static int count(Map<String, Set<String>> acknowledged) {
        return acknowledged.values().stream().mapToInt(Set::size).sum();
    }

    private static String text(String token) {
        return "crash note " + token;
    }

    private List<String> allTexts(String user) throws IOException, InterruptedException {
        List<String> texts = new ArrayList<>();
        String cursor = null;
        do {
            String query = "?limit=200"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = server.get("/v1/users/" + user + "/memories" + query);
            page.get("items").forEach(m -> texts.add(m.get("text").asText()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
        } while (cursor != null);
        return texts;
    }

    private long total(String user) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(server.request("/v1/users/" + user + "/stats").build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 404 ? 0 : JSON.readTree(r.body()).get("total").asLong();
    }

    /**
     * The texts of the top five hits. The memory's unique token ranks it first by BM25, but rank fusion can tie it
     * with the nearest vector of a look-alike memory, so the test asks for it among the first few, not first.
     */
    private List<String> search(String user, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/v1/users/" + user + "/memories/search", Map.of("query", token, "k", 5));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> texts = new ArrayList<>();
        JSON.readTree(r.body())
                .get("hits")
                .forEach(h -> texts.add(h.at("/memory/text").asText()));
        return texts;
    }

    private HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
        return http.send(
                server.request(path)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A truncated segments file is as good as no index: it must be rebuilt, not trusted. */
    private void breakSegmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("index"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("segments_"))
                    .toList()) {
                Files.write(f, new byte[] {1, 2, 3});
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
