package dev.moat.lockin;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an experiment measured: for each user, after each replayed session, how much their memory is worth and what
 * leaving would cost under each carry mode. docs/EXPERIMENTS.md defines the fields.
 */
public record ExperimentReport(String dataset, ExperimentOptions options, List<UserCurve> users, Summary summary) {

    /** The mean over users of their n-th session's figures, for every n some user reached; not part of the JSON. */
    @JsonIgnore
    public List<SessionPoint> pooled() {
        int longest = users.stream().mapToInt(u -> u.sessions().size()).max().orElse(0);
        List<SessionPoint> pooled = new ArrayList<>();
        for (int n = 0; n < longest; n++) {
            int index = n;
            List<SessionPoint> nth = users.stream()
                    .filter(u -> u.sessions().size() > index)
                    .map(u -> u.sessions().get(index))
                    .toList();
            Map<String, Double> loss = new LinkedHashMap<>();
            for (String mode : options.carryIds()) {
                loss.put(
                        mode,
                        nth.stream()
                                .mapToDouble(p -> p.recallLoss().get(mode))
                                .average()
                                .orElse(0));
            }
            pooled.add(new SessionPoint(
                    n + 1,
                    null,
                    Math.round(nth.stream()
                            .mapToLong(SessionPoint::memories)
                            .average()
                            .orElse(0)),
                    Math.round(nth.stream()
                            .mapToLong(SessionPoint::userTokens)
                            .average()
                            .orElse(0)),
                    nth.stream()
                            .mapToDouble(SessionPoint::memoryValue)
                            .average()
                            .orElse(0),
                    loss,
                    Map.of(),
                    0,
                    null));
        }
        return pooled;
    }

    /** One user's curve, a point per session; questions counts those measured. */
    public record UserCurve(String user, int questions, List<SessionPoint> sessions) {}

    /**
     * The figures after the session {@code index} (1-based) that started at {@code at}; chat is what the session's
     * replay through a provider spent, absent when the run replays into memory only.
     */
    public record SessionPoint(
            int index,
            Instant at,
            long memories,
            long userTokens,
            double memoryValue,
            Map<String, Double> recallLoss,
            Map<String, Long> rebuildTokens,
            int lockInScore,
            @JsonInclude(JsonInclude.Include.NON_NULL) ChatSpend chat) {}

    /** Provider calls made to replay messages, the tokens they took and their price. */
    public record ChatSpend(int calls, long inputTokens, long outputTokens, double costUsd) {

        public static final ChatSpend NONE = new ChatSpend(0, 0, 0, 0);

        ChatSpend plus(ChatSpend other) {
            return new ChatSpend(
                    calls + other.calls,
                    inputTokens + other.inputTokens,
                    outputTokens + other.outputTokens,
                    costUsd + other.costUsd);
        }
    }

    /** The last point of every user, pooled: means over users; chat sums the whole run's replay. */
    public record Summary(
            int users,
            int sessions,
            int questions,
            double memoryValue,
            Map<String, Double> recallLoss,
            Map<String, Double> rebuildTokens,
            @JsonInclude(JsonInclude.Include.NON_NULL) ChatSpend chat) {

        /** Pools the last point of every user; sums the chat spend of a run that replayed through a provider. */
        static Summary of(List<UserCurve> curves, ExperimentOptions options) {
            List<SessionPoint> last = curves.stream()
                    .filter(c -> !c.sessions().isEmpty())
                    .map(c -> c.sessions().get(c.sessions().size() - 1))
                    .toList();
            Map<String, Double> loss = new LinkedHashMap<>();
            Map<String, Double> rebuild = new LinkedHashMap<>();
            for (String mode : options.carryIds()) {
                loss.put(
                        mode,
                        last.stream()
                                .mapToDouble(p -> p.recallLoss().get(mode))
                                .average()
                                .orElse(0));
                rebuild.put(
                        mode,
                        last.stream()
                                .mapToDouble(p -> p.rebuildTokens().get(mode))
                                .average()
                                .orElse(0));
            }
            ChatSpend chat = options.provider() == null
                    ? null
                    : curves.stream()
                            .flatMap(c -> c.sessions().stream())
                            .map(SessionPoint::chat)
                            .reduce(ChatSpend.NONE, ChatSpend::plus);
            return new Summary(
                    curves.size(),
                    curves.stream().mapToInt(c -> c.sessions().size()).sum(),
                    curves.stream().mapToInt(UserCurve::questions).sum(),
                    last.stream()
                            .mapToDouble(SessionPoint::memoryValue)
                            .average()
                            .orElse(0),
                    loss,
                    rebuild,
                    chat);
        }
    }
}
