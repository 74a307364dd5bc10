package dev.moat.security;

import dev.moat.problem.ProblemException;
import dev.moat.user.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys: made from 256 random bits, shown once, kept as their SHA-256 (a random secret of that size needs no slow
 * hash), looked up by that hash (remembered for moat.auth.key-cache-ttl: KeyCache), revoked by id within their
 * tenant.
 */
@ApplicationScoped
@Transactional
public class KeyService {

    /** Every key starts so, which makes one easy to recognise (and to scan for in logs). */
    public static final String PREFIX = "moat_";

    private final ApiKeyRepository keys;
    private final SecureRandom random = new SecureRandom();

    private final KeyCache cache;

    public KeyService(ApiKeyRepository keys, AuthConfig config) {
        this.keys = keys;
        this.cache = new KeyCache(config.keyCacheTtl(), 10_000);
    }

    /** A key as created: its id, and the secret, which is never shown again. */
    public record NewKey(String id, String tenantId, Role role, String userId, String key) {}

    /** A key as listed: never the secret. */
    public record KeyView(String id, Role role, String userId, Instant createdAt, Instant revokedAt) {}

    public NewKey create(String tenantId, Role role, String userId) {
        if (role == Role.USER) {
            if (userId == null) {
                throw ProblemException.badRequest("a user key needs the userId it acts for");
            }
            new Owner(tenantId, userId); // the user id's own rules
        } else if (userId != null) {
            throw ProblemException.badRequest("an admin key acts for every user of its tenant: give no userId");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey k = new ApiKey();
        k.id = UUID.randomUUID().toString();
        k.tenantId = tenantId;
        k.role = role;
        k.userId = userId;
        k.keyHash = hash(key);
        k.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        keys.persist(k);
        return new NewKey(k.id, tenantId, role, userId, key);
    }

    /**
     * The caller a presented key stands for; empty for an unknown or revoked key. Every request asks, so a key the
     * cache remembers costs no transaction: only a lookup opens one (ApiKeyRepository's own).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Caller> authenticate(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return cache.get(hash(key), h -> keys.findLive(h).map(k -> new Caller(k.tenantId, k.role, k.userId, k.id)));
    }

    /** Revokes a key of the tenant; false when the tenant has no such key. */
    public boolean revoke(String tenantId, String id) {
        ApiKey k = keys.findById(id);
        if (k == null || !k.tenantId.equals(tenantId)) {
            return false;
        }
        if (k.revokedAt == null) {
            k.revokedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }
        cache.forgetKey(id);
        return true;
    }

    public List<KeyView> list(String tenantId) {
        return keys.ofTenant(tenantId).stream()
                .map(k -> new KeyView(k.id, k.role, k.userId, k.createdAt, k.revokedAt))
                .toList();
    }

    /** Whether any key exists, revoked or not, in any tenant. */
    public boolean anyKey() {
        return keys.anyKey();
    }

    private static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
