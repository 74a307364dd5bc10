package dev.moat.lockin;

import java.time.Instant;
import java.util.Map;

/** What leaving for a destination would cost a user; every figure is defined in docs/SWITCHING-COST.md. */
public record SwitchingCost(
        String userId,
        String target,
        Destination destination,
        int k,
        History history,
        Probes probes,
        Map<String, Carry> carry,
        int lockInScore,
        String formula,
        long tookMs) {

    /** The user's history as the meter reads it. */
    public record History(
            int sessions,
            int userMessages,
            long userTokens,
            Map<String, Long> memoriesByKind,
            Instant firstAt,
            Instant lastAt,
            long spanDays) {

        /** Memories of every kind. */
        public long memories() {
            return memoriesByKind.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The probes asked, where they came from (derived or dataset), and their evidence recall@k today. */
    public record Probes(int count, String source, double recallNow) {}

    /** One carry mode: recall@k after moving with it, the loss, and the cost of telling the rest again. */
    public record Carry(double recallAfter, double recallLoss, Rebuild rebuild) {}

    /** User tokens to tell again, their price at the target's input price, and the sessions that took. */
    public record Rebuild(long userTokens, double costUsd, int sessions) {}
}
