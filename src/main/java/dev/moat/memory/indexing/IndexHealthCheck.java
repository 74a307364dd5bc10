package dev.moat.memory.indexing;

import dev.moat.index.IndexException;
import dev.moat.index.MemoryIndex;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the index matches the database and no rebuild holds it. */
@Readiness
@ApplicationScoped
public class IndexHealthCheck implements HealthCheck {

    private final IndexRepairService repair;
    private final MemoryIndex index;

    public IndexHealthCheck(IndexRepairService repair, MemoryIndex index) {
        this.repair = repair;
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        if (!repair.isReady()) {
            return HealthCheckResponse.named("index")
                    .down()
                    .withData("state", "repairing")
                    .build();
        }
        MemoryIndex.IndexStatus status;
        try {
            status = index.status();
        } catch (IndexException e) {
            return HealthCheckResponse.named("index")
                    .down()
                    .withData("state", "unreachable")
                    .withData("reason", e.getMessage())
                    .build();
        }
        return HealthCheckResponse.named("index")
                .up()
                .withData("memories", status.memories())
                .withData("lastChange", status.lastChange())
                .build();
    }
}
