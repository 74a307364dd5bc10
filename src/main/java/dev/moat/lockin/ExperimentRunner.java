package dev.moat.lockin;

import dev.moat.chat.ChatReply;
import dev.moat.chat.ChatService;
import dev.moat.dataset.Conversation;
import dev.moat.dataset.ConversationIngest;
import dev.moat.memory.MemoryService;
import dev.moat.problem.ProblemException;
import dev.moat.provider.ProviderRegistry;
import dev.moat.provider.ProviderRouter;
import dev.moat.user.Owner;
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

    /** Replayed messages are answered at temperature 0: as repeatable as a provider allows. */
    private static final ProviderRouter.Tuning REPLAY = new ProviderRouter.Tuning(0.0, null);

    private final MemoryService memories;
    private final ChatService chat;
    private final SwitchingCostService meter;
    private final ProviderRegistry providers;
    private final Destinations destinations;

    public ExperimentRunner(
            MemoryService memories,
            ChatService chat,
            SwitchingCostService meter,
            ProviderRegistry providers,
            Destinations destinations) {
        this.memories = memories;
        this.chat = chat;
        this.meter = meter;
        this.providers = providers;
        this.destinations = destinations;
    }

    /** Progress: sessions replayed of the total. */
    public record Progress(int done, int total) {}

    /**
     * Refuses (400), before anything runs, options whose target is no destination or provider, whose carry modes the
     * target does not accept, or whose replaying provider this Moat does not have; answers the target.
     */
    public Destination check(ExperimentOptions options) {
        if (options.provider() != null && providers.find(options.provider()).isEmpty()) {
            throw ProblemException.badRequest("unknown provider '" + options.provider() + "': configured are "
                    + providers.all().stream()
                            .map(ProviderRegistry.Provider::name)
                            .toList());
        }
        Destination to = destinations.get(options.target());
        List<CarryMode> refused =
                options.carry().stream().filter(m -> !to.carry().contains(m)).toList();
        if (!refused.isEmpty()) {
            throw ProblemException.badRequest("target '" + to.name() + "' accepts the carry modes "
                    + to.carry().stream().map(CarryMode::id).toList() + ", not "
                    + refused.stream().map(CarryMode::id).toList());
        }
        return to;
    }

    /** The tenant a run replays its users into, apart from every real user. */
    public static String tenantOf(String runId) {
        return "experiment-" + runId;
    }

    /** Sessions in the users' histories: the run's length. */
    public static int sessionCount(List<Conversation> users) {
        return users.stream().mapToInt(u -> sessions(u).size()).sum();
    }

    public ExperimentReport run(
            String name,
            List<Conversation> users,
            ExperimentOptions options,
            String runId,
            Consumer<Progress> progress) {
        Destination to = check(options);
        int total = sessionCount(users);
        int done = 0;
        List<ExperimentReport.UserCurve> curves = new ArrayList<>();
        for (Conversation user : users) {
            Owner owner = new Owner(tenantOf(runId), ConversationIngest.userId("", user));
            memories.forget(owner);
            Map<String, String> memoryOf = new HashMap<>();
            List<ExperimentReport.SessionPoint> points = new ArrayList<>();
            List<Conversation.Question> questions = options.pick(user.questions().stream()
                    .filter(q -> !q.adversarial() && !q.evidence().isEmpty())
                    .toList());
            try {
                int index = 0;
                for (List<Conversation.Turn> session : sessions(user).values()) {
                    index++;
                    ExperimentReport.ChatSpend spend = null;
                    if (options.provider() == null) {
                        memoryOf.putAll(ConversationIngest.add(memories, owner, session, added -> {}));
                    } else {
                        spend = replay(owner, session, options.provider(), memoryOf);
                    }
                    points.add(point(owner, to, index, session, questions, memoryOf, options, spend));
                    progress.accept(new Progress(++done, total));
                }
            } finally {
                memories.forget(owner);
            }
            curves.add(new ExperimentReport.UserCurve(user.id(), questions.size(), points));
        }
        return new ExperimentReport(name, options, curves, ExperimentReport.Summary.of(curves, options));
    }

    /** Every message of the session through the chat flow, in one chat session; what the provider calls spent. */
    private ExperimentReport.ChatSpend replay(
            Owner owner, List<Conversation.Turn> session, String provider, Map<String, String> memoryOf) {
        String chatSession = null;
        ExperimentReport.ChatSpend spend = ExperimentReport.ChatSpend.NONE;
        for (Conversation.Turn turn : session) {
            ChatService.Replayed replayed = chat.replay(owner, chatSession, provider, turn.toMemory(), REPLAY);
            chatSession = replayed.session();
            memoryOf.put(turn.diaId(), replayed.messageId());
            ChatReply.Usage usage = replayed.reply().usage();
            spend = spend.plus(
                    new ExperimentReport.ChatSpend(1, usage.inputTokens(), usage.outputTokens(), usage.costUsd()));
        }
        return spend;
    }

    private ExperimentReport.SessionPoint point(
            Owner owner,
            Destination to,
            int index,
            List<Conversation.Turn> session,
            List<Conversation.Question> questions,
            Map<String, String> memoryOf,
            ExperimentOptions options,
            ExperimentReport.ChatSpend spend) {
        // Evidence not replayed yet names no memory: it cannot be found, and counts as a miss.
        List<Probe> probes = questions.stream()
                .map(q -> new Probe(
                        q.text(),
                        q.evidence().stream()
                                .map(d -> Set.of(memoryOf.getOrDefault(d, "not-yet:" + d)))
                                .toList()))
                .toList();
        SwitchingCost cost = meter.measure(owner, to, options.carry(), options.k(), probes, "dataset")
                .orElseThrow();
        Map<String, Double> loss = new LinkedHashMap<>();
        Map<String, Long> rebuild = new LinkedHashMap<>();
        for (String mode : options.carryIds()) {
            loss.put(mode, cost.carry().get(mode).recallLoss());
            rebuild.put(mode, cost.carry().get(mode).rebuild().userTokens());
        }
        return new ExperimentReport.SessionPoint(
                index,
                session.get(0).at(),
                cost.history().memories(),
                cost.history().userTokens(),
                cost.probes().recallNow(),
                loss,
                rebuild,
                cost.lockInScore(),
                spend);
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
