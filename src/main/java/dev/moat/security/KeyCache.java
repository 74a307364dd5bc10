package dev.moat.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keys found live, remembered for a short while so that a request costs no database read: a key revoked through
 * another instance is refused here at most ttl later (this instance forgets its own revocations at once). Unknown
 * keys are never remembered, so a guesser cannot fill it; past maxEntries it starts over.
 */
final class KeyCache {

    private record Entry(Caller caller, long expiresAt) {}

    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;

    KeyCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    /** The caller of the key's hash: remembered when still fresh, else looked up (and remembered when live). */
    Optional<Caller> get(String hash, Function<String, Optional<Caller>> lookup) {
        long now = System.nanoTime();
        Entry e = byHash.get(hash);
        if (e != null && now - e.expiresAt() < 0) {
            return Optional.of(e.caller());
        }
        Optional<Caller> found = lookup.apply(hash);
        if (found.isPresent() && ttlNanos > 0) {
            if (byHash.size() >= maxEntries) {
                byHash.clear();
            }
            byHash.put(hash, new Entry(found.get(), now + ttlNanos));
        } else {
            byHash.remove(hash);
        }
        return found;
    }

    /** Forgets the key of that id at once (revoked here). */
    void forgetKey(String keyId) {
        byHash.values().removeIf(e -> e.caller().keyId().equals(keyId));
    }
}
