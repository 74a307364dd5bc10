package dev.moat.provider;

import dev.moat.user.UserForgotten;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

/** The record of every provider call: tokens, cost, latency, outcome. */
@ApplicationScoped
@Transactional
public class ProviderCallRepository implements PanacheRepositoryBase<ProviderCall, Long> {

    /** Deletes the user's call records, in the transaction that forgets the user. */
    void onForget(@Observes UserForgotten event) {
        delete(
                "tenantId = ?1 and userId = ?2",
                event.owner().tenantId(),
                event.owner().userId());
    }
}
