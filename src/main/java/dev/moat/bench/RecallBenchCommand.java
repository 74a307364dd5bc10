package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import dev.moat.dataset.Conversation;
import dev.moat.dataset.ConversationIngest;
import dev.moat.dataset.DatasetException;
import dev.moat.dataset.LocomoReader;
import dev.moat.index.IndexConfig;
import dev.moat.memory.MemorySearchService;
import dev.moat.memory.MemoryService;
import dev.moat.memory.MemoryView;
import dev.moat.memory.SearchRequest;
import dev.moat.user.Owner;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Evidence recall on LoCoMo-format conversations, Moat's JSONL histories or BEAM chats: one user per conversation,
 * each turn a memory ingested through MemoryService, every question with evidence (outside LoCoMo's category 5)
 * searched against that user's memories only.
 */
@Command(
        name = "recall",
        mixinStandardHelpOptions = true,
        description = "Evidence recall@k on LoCoMo-format data, JSONL histories or BEAM chats.")
@Dependent
@Unremovable
public class RecallBenchCommand implements Callable<Integer> {

    @Option(
            names = "--dataset",
            required = true,
            description = "A LoCoMo-format .json file, a folder of them (or of .jsonl histories), or a BEAM chat"
                    + " folder (<i>/chat.json) or a folder of those.")
    Path dataset;

    @Option(
            names = "--k",
            split = ",",
            defaultValue = "1,5,10,20",
            description = "Cut-offs (default ${DEFAULT-VALUE}).")
    List<Integer> ks;

    @Mixin
    JsonReport json;

    @Option(
            names = "--questions",
            description = "Also write every question with its evidence and the turns retrieved for it, one JSON"
                    + " object per line, to this file: what to read when looking for why a question was missed.")
    Path questionsFile;

    @Inject
    MemoryService memories;

    @Inject
    MemorySearchService search;

    @Inject
    IndexConfig indexConfig;

    @Inject
    ObjectMapper mapper;

    private static String turnOf(MemoryView m, Map<String, String> diaIdOf) {
        String turn = diaIdOf.get(m.id());
        if (turn == null && m.provenance() != null && !m.provenance().sources().isEmpty()) {
            turn = diaIdOf.get(m.provenance().sources().get(0));
        }
        return turn;
    }

    @Override
    public Integer call() throws IOException {
        TreeSet<Integer> cutoffs = new TreeSet<>(ks);
        if (cutoffs.first() < 1 || cutoffs.last() > 100) {
            throw new CommandException("--k values must lie in 1..100, got " + ks);
        }
        List<Conversation> conversations;
        try {
            conversations = new LocomoReader(mapper).read(dataset);
        } catch (DatasetException e) {
            throw new CommandException(e.getMessage());
        }
        PrintStream err = System.err;
        RecallTally tally = new RecallTally(cutoffs);
        long ingestNanos = 0;
        int ingested = 0;
        List<Long> searchNanos = new ArrayList<>();
        List<Map<String, Object>> perQuestion = new ArrayList<>();
        for (Conversation c : conversations) {
            Owner owner = Owner.of(ConversationIngest.userId("locomo-", c));
            memories.forget(owner);
            long start = System.nanoTime();
            Map<String, String> diaIdOf = new HashMap<>();
            ConversationIngest.add(
                            memories,
                            owner,
                            c.turns(),
                            added -> err.printf(
                                    Locale.ROOT,
                                    "  %s: %d/%d turns ingested%n",
                                    c.id(),
                                    added,
                                    c.turns().size()))
                    .forEach((diaId, memoryId) -> diaIdOf.put(memoryId, diaId));
            ingestNanos += System.nanoTime() - start;
            ingested += c.turns().size();
            for (Conversation.Question q : c.questions()) {
                if (q.adversarial()) {
                    continue;
                }
                tally.skipEvidence(q.unknownEvidence());
                if (q.evidence().isEmpty()) {
                    tally.skipQuestion();
                    continue;
                }
                long t = System.nanoTime();
                var hits = search.search(owner, new SearchRequest(q.text(), cutoffs.last()))
                        .hits();
                searchNanos.add(System.nanoTime() - t);
                // A memory drawn from a turn (an extracted fact) stands for the turn it came from.
                List<String> ranked =
                        hits.stream().map(h -> turnOf(h.memory(), diaIdOf)).toList();
                // With preference slots each cutoff is its own search, as an app asking for k gets it: the top 5
                // need not be the first five of the top 20 (memory/PreferenceSlots). Without, it is the prefix.
                Map<Integer, List<String>> byCutoff = new HashMap<>();
                for (int k : cutoffs) {
                    byCutoff.put(
                            k,
                            k == cutoffs.last() || indexConfig.preferenceSlots() == 0
                                    ? ranked
                                    : search.search(owner, new SearchRequest(q.text(), k)).hits().stream()
                                            .map(h -> turnOf(h.memory(), diaIdOf))
                                            .toList());
                }
                tally.add(q.category(), q.evidence(), byCutoff);
                perQuestion.add(Map.of(
                        "conversation", c.id(),
                        "question", q.text(),
                        "category", q.category(),
                        "evidence", q.evidence(),
                        "retrieved", ranked));
            }
            memories.forget(owner);
        }
        long[] nanos = searchNanos.stream().mapToLong(Long::longValue).toArray();
        RecallReport report = tally.report(
                conversations.size(), ingested, ingested / (ingestNanos / 1e9), Percentiles.ofNanos(nanos));
        report.print(System.out);
        json.write(mapper, report);
        if (questionsFile != null) {
            try (var out = Files.newBufferedWriter(questionsFile)) {
                for (Map<String, Object> q : perQuestion) {
                    out.write(mapper.writeValueAsString(q));
                    out.newLine();
                }
            }
            err.println("wrote " + questionsFile);
        }
        return 0;
    }
}
