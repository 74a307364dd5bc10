package dev.moat.lockin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an experiment measured: for each user, after each replayed session, how much their memory is worth and what
 * leaving would cost under each carry mode. docs/EXPERIMENTS.md defines the fields.
 */
public record ExperimentReport(String dataset, int k, List<UserCurve> users, Summary summary) {

    /** One user's curve, a point per session. */
    public record UserCurve(String user, int questions, List<SessionPoint> sessions) {}

    /** The figures after the session {@code index} (1-based) that started at {@code at}. */
    public record SessionPoint(
            int index,
            Instant at,
            long memories,
            long userTokens,
            double memoryValue,
            Map<String, Double> recallLoss,
            Map<String, Long> rebuildTokens,
            int lockInScore) {}

    /** The last point of every user, pooled: means over users. */
    public record Summary(
            int users,
            int sessions,
            int questions,
            double memoryValue,
            Map<String, Double> recallLoss,
            Map<String, Double> rebuildTokens) {}
}
