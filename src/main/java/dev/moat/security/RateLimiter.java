package dev.moat.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per key (Bucket4j): {@code moat.auth.burst} requests at once, refilled at
 * {@code moat.auth.rate-per-second}. A request over the limit learns how many seconds to wait.
 */
@ApplicationScoped
public class RateLimiter {

    private final AuthConfig config;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(AuthConfig config) {
        this.config = config;
    }

    /** Empty when the key may go on; else the whole seconds until it may (at least 1). */
    public OptionalLong retryAfter(String keyId) {
        if (config.ratePerSecond() <= 0 || keyId == null) {
            return OptionalLong.empty();
        }
        Bucket bucket = buckets.computeIfAbsent(keyId, id -> Bucket.builder()
                .addLimit(limit -> limit.capacity(Math.max(1, config.burst()))
                        .refillGreedy(config.ratePerSecond(), Duration.ofSeconds(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
}
