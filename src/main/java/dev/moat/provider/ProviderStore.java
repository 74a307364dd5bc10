package dev.moat.provider;

import dev.moat.user.Owner;
import dev.moat.user.UserRegistry;
import dev.moat.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Provider state kept in the database: users' pinned providers and the record of every call. */
@ApplicationScoped
@Transactional
public class ProviderStore {

    private final UserRepository userRows;
    private final UserRegistry users;
    private final ProviderCallRepository calls;

    public ProviderStore(UserRepository userRows, UserRegistry users, ProviderCallRepository calls) {
        this.userRows = userRows;
        this.users = users;
        this.calls = calls;
    }

    public Optional<String> pinned(Owner owner) {
        return userRows.find(owner).map(u -> u.provider);
    }

    /** Pins a provider (null unpins), creating the user if they have no memory yet. */
    public void pin(Owner owner, String provider) {
        users.ensure(owner);
        userRows.find(owner).orElseThrow().provider = provider;
    }

    /** Stores a call's record with what the caller keeps of its reply (alongside), in one transaction. */
    public void record(ProviderCall call, Runnable alongside) {
        calls.persist(call);
        alongside.run();
    }
}
