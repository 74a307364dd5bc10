package dev.moat.lockin;

import dev.moat.provider.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a user would have to tell again, read off their own history. What the user told is their messages, and the
 * derived memories that name no message they came from (notes and facts given directly); a derived memory with a
 * source comes back when its source does. The sessions it takes are read off the user's learning curve: the
 * sessions, in time order, it took to tell that many tokens the first time.
 */
final class Rebuilds {

    private final List<MeterMemory> told = new ArrayList<>();
    private final Map<String, Integer> tokens = new HashMap<>();
    private final Map<String, List<String>> sources = new HashMap<>();
    private final long[] curve;
    private final SwitchingCost.History history;

    Rebuilds(List<MeterMemory> memories) {
        Set<String> existing = new HashSet<>();
        memories.forEach(m -> existing.add(m.id()));
        Map<String, Instant> sessionStart = new HashMap<>();
        Map<String, Long> sessionTokens = new HashMap<>();
        Map<String, Long> byKind = new TreeMap<>();
        long userTokens = 0;
        int userMessages = 0;
        Instant first = null;
        Instant last = null;
        Map<String, String> sessionOfDay = new HashMap<>();
        for (MeterMemory m : memories) {
            if (m.sessionId() != null) {
                sessionOfDay.putIfAbsent(day(m), "s:" + m.sessionId());
            }
        }
        for (MeterMemory m : memories) {
            List<String> from = m.sources().stream().filter(existing::contains).toList();
            sources.put(m.id(), from);
            byKind.merge(m.kind().id(), 1L, Long::sum);
            first = first == null || m.occurredAt().isBefore(first) ? m.occurredAt() : first;
            last = last == null || m.occurredAt().isAfter(last) ? m.occurredAt() : last;
            String session =
                    m.sessionId() != null ? "s:" + m.sessionId() : sessionOfDay.getOrDefault(day(m), "d:" + day(m));
            sessionStart.merge(session, m.occurredAt(), (a, b) -> a.isBefore(b) ? a : b);
            if (m.isMessage() || from.isEmpty()) {
                int t = Tokens.count(m.text());
                told.add(m);
                tokens.put(m.id(), t);
                sessionTokens.merge(session, (long) t, Long::sum);
                if (m.isMessage()) {
                    userTokens += t;
                    userMessages++;
                }
            }
        }
        List<String> order = new ArrayList<>(sessionStart.keySet());
        order.sort(Comparator.comparing((String s) -> sessionStart.get(s)).thenComparing(Comparator.naturalOrder()));
        curve = new long[order.size()];
        long sum = 0;
        for (int i = 0; i < order.size(); i++) {
            sum += sessionTokens.getOrDefault(order.get(i), 0L);
            curve[i] = sum;
        }
        history = new SwitchingCost.History(
                order.size(),
                userMessages,
                userTokens,
                new LinkedHashMap<>(byKind),
                first,
                last,
                first == null ? 0 : Duration.between(first, last).toDays());
    }

    /**
     * A memory told outside any session belongs to a session of the same day (UTC) when there is one, else to a
     * session of its own: the day.
     */
    private static String day(MeterMemory m) {
        return m.occurredAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    SwitchingCost.History history() {
        return history;
    }

    /** Tokens to tell again when only the memories of these ids are carried over. */
    long tokens(Set<String> carried) {
        long sum = 0;
        for (MeterMemory m : told) {
            boolean back =
                    carried.contains(m.id()) || sources.get(m.id()).stream().anyMatch(carried::contains);
            if (!back) {
                sum += tokens.get(m.id());
            }
        }
        return sum;
    }

    /** The sessions it took the user to tell that many tokens the first time; 0 for none. */
    int sessions(long rebuildTokens) {
        if (rebuildTokens == 0) {
            return 0;
        }
        for (int i = 0; i < curve.length; i++) {
            if (curve[i] >= rebuildTokens) {
                return i + 1;
            }
        }
        return curve.length;
    }
}
