package dev.moat.lockin;

import dev.moat.dataset.Conversation;
import dev.moat.dataset.ConversationIngest;
import dev.moat.memory.MemoryService;
import dev.moat.memory.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Replays users' histories in time order, a session at a time, and measures after each one through the
 * switching-cost meter, with the data set's questions as probes: a question whose evidence is not replayed yet
 * counts as a miss, so the memory value curve shows knowledge accumulating. Replayed users live in a tenant of
 * their own and are forgotten when the run ends; the report holds what was measured.
 */
@ApplicationScoped
public class ExperimentRunner {

    /** Provider the meter prices rebuilds at when the run names none. */
    private static final String DEFAULT_TARGET = "offline";

    private final MemoryService memories;
    private final SwitchingCostService meter;

    public ExperimentRunner(MemoryService memories, SwitchingCostService meter) {
        this.memories = memories;
        this.meter = meter;
    }

    /** Progress: sessions replayed of the total. */
    public record Progress(int done, int total) {}

    public ExperimentReport run(
            String name, List<Conversation> users, int k, String runId, Consumer<Progress> progress) {
        int total = users.stream().mapToInt(u -> sessions(u).size()).sum();
        int done = 0;
        List<ExperimentReport.UserCurve> curves = new ArrayList<>();
        for (Conversation user : users) {
            Owner owner = new Owner("experiment-" + runId, ConversationIngest.userId("", user));
            memories.forget(owner);
            Map<String, String> memoryOf = new HashMap<>();
            List<ExperimentReport.SessionPoint> points = new ArrayList<>();
            List<Conversation.Question> questions = user.questions().stream()
                    .filter(q -> !q.adversarial() && !q.evidence().isEmpty())
                    .toList();
            try {
                int index = 0;
                for (List<Conversation.Turn> session : sessions(user).values()) {
                    index++;
                    memoryOf.putAll(ConversationIngest.add(memories, owner, session, added -> {}));
                    points.add(point(owner, index, session, questions, memoryOf, k));
                    progress.accept(new Progress(++done, total));
                }
            } finally {
                memories.forget(owner);
            }
            curves.add(new ExperimentReport.UserCurve(user.id(), questions.size(), points));
        }
        return new ExperimentReport(name, k, curves, summary(curves));
    }

    private ExperimentReport.SessionPoint point(
            Owner owner,
            int index,
            List<Conversation.Turn> session,
            List<Conversation.Question> questions,
            Map<String, String> memoryOf,
            int k) {
        // Evidence not replayed yet names no memory: it cannot be found, and counts as a miss.
        List<Probe> probes = questions.stream()
                .map(q -> new Probe(
                        q.text(),
                        q.evidence().stream()
                                .map(d -> Set.of(memoryOf.getOrDefault(d, "not-yet:" + d)))
                                .toList()))
                .toList();
        SwitchingCost cost =
                meter.measure(owner, DEFAULT_TARGET, k, probes, "dataset").orElseThrow();
        Map<String, Double> loss = new LinkedHashMap<>();
        Map<String, Long> rebuild = new LinkedHashMap<>();
        cost.carry().forEach((mode, carry) -> {
            loss.put(mode, carry.recallLoss());
            rebuild.put(mode, carry.rebuild().userTokens());
        });
        return new ExperimentReport.SessionPoint(
                index,
                session.get(0).at(),
                cost.history().memories(),
                cost.history().userTokens(),
                cost.probes().recallNow(),
                loss,
                rebuild,
                cost.lockInScore());
    }

    private static ExperimentReport.Summary summary(List<ExperimentReport.UserCurve> curves) {
        List<ExperimentReport.SessionPoint> last = curves.stream()
                .filter(c -> !c.sessions().isEmpty())
                .map(c -> c.sessions().get(c.sessions().size() - 1))
                .toList();
        Map<String, Double> loss = new LinkedHashMap<>();
        Map<String, Double> rebuild = new LinkedHashMap<>();
        for (CarryMode mode : CarryMode.values()) {
            loss.put(
                    mode.id(),
                    last.stream()
                            .mapToDouble(p -> p.recallLoss().get(mode.id()))
                            .average()
                            .orElse(0));
            rebuild.put(
                    mode.id(),
                    last.stream()
                            .mapToDouble(p -> p.rebuildTokens().get(mode.id()))
                            .average()
                            .orElse(0));
        }
        return new ExperimentReport.Summary(
                curves.size(),
                curves.stream().mapToInt(c -> c.sessions().size()).sum(),
                curves.stream().mapToInt(ExperimentReport.UserCurve::questions).sum(),
                last.stream()
                        .mapToDouble(ExperimentReport.SessionPoint::memoryValue)
                        .average()
                        .orElse(0),
                loss,
                rebuild);
    }

    /** A user's turns by session number, sessions in order. */
    private static Map<Integer, List<Conversation.Turn>> sessions(Conversation user) {
        Map<Integer, List<Conversation.Turn>> sessions = new TreeMap<>();
        for (Conversation.Turn t : user.turns()) {
            sessions.computeIfAbsent(t.session(), s -> new ArrayList<>()).add(t);
        }
        return sessions;
    }
}
