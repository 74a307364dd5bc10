package dev.moat.bench;

import dev.moat.security.KeyService;
import dev.moat.security.Role;
import dev.moat.user.Owner;
import jakarta.enterprise.context.ApplicationScoped;

/** The benchmarks' own admin key on their scratch instance, made on first use, for the requests they send. */
@ApplicationScoped
public class BenchKey {

    private final KeyService keys;
    private String key;

    public BenchKey(KeyService keys) {
        this.keys = keys;
    }

    /** The Authorization header's value. */
    public synchronized String bearer() {
        if (key == null) {
            key = keys.create(Owner.DEFAULT_TENANT, Role.ADMIN, null).key();
        }
        return "Bearer " + key;
    }
}
