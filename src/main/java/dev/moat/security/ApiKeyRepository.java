package dev.moat.security;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** The API keys of every tenant, found by the SHA-256 of their secret. */
@ApplicationScoped
@Transactional
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, String> {

    /** The key whose secret has this hash, unless it was revoked. */
    public Optional<ApiKey> findLive(String keyHash) {
        return find("keyHash = ?1 and revokedAt is null", keyHash).firstResultOptional();
    }

    /** The tenant's keys, oldest first. */
    public List<ApiKey> ofTenant(String tenantId) {
        return list("tenantId", Sort.ascending("createdAt", "id"), tenantId);
    }

    /** Whether any key exists, revoked or not, in any tenant. */
    public boolean anyKey() {
        return findAll().page(0, 1).firstResultOptional().isPresent();
    }
}
