package dev.moat.lockin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.dataset.Conversation;
import dev.moat.index.IndexConfig;
import dev.moat.jobs.Workers;
import dev.moat.memory.MemoryService;
import dev.moat.problem.ProblemException;
import dev.moat.user.UserDirectory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Experiments started over the API: checked and read when submitted (a bad data set or option is refused at once),
 * then run on a bounded pool of worker threads, never on a request thread, with progress and outcome in the
 * experiment table. A restart marks runs it cut off as interrupted and forgets their half-replayed users.
 */
@ApplicationScoped
public class ExperimentService {

    private static final Logger LOG = Logger.getLogger(ExperimentService.class);

    private final ExperimentRepository store;
    private final ExperimentRunner runner;
    private final ExperimentFiles files;
    private final MemoryService memories;
    private final UserDirectory users;
    private final ObjectMapper mapper;
    private final ExperimentsConfig config;
    private final Workers workers;
    private volatile boolean stopping;
    /** Heartbeats older than this mean the instance running the run is gone. */
    private static final Duration SILENCE = Duration.ofSeconds(30);

    private final String instanceId = UUID.randomUUID().toString();
    private final IndexConfig index;

    public ExperimentService(
            ExperimentRepository store,
            ExperimentRunner runner,
            ExperimentFiles files,
            MemoryService memories,
            UserDirectory users,
            ObjectMapper mapper,
            ExperimentsConfig config,
            IndexConfig index) {
        this.index = index;
        this.store = store;
        this.runner = runner;
        this.files = files;
        this.memories = memories;
        this.users = users;
        this.mapper = mapper;
        this.config = config;
        this.workers = new Workers("moat-experiment", config.workers(), config.queue());
    }

    /**
     * Runs the last process left unfinished (killed, or stopped before it could record them) are interrupted; no run
     * is going yet, so every replayed user still in an experiment tenant is a leftover, and is forgotten.
     */
    void onStart(@Observes StartupEvent event) {
        // Alone on its database (the embedded index), every unfinished run is this instance's previous life's.
        interruptSilent(index.shared() ? now().minus(SILENCE) : now().plus(Duration.ofDays(1)));
    }

    /** Runs are kept alive while their instance is; any instance interrupts those of one that went silent. */
    @Scheduled(
            every = "${moat.experiments.heartbeat:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void heartbeat() {
        try {
            store.heartbeat(instanceId, now());
            if (index.shared()) {
                interruptSilent(now().minus(SILENCE));
            }
        } catch (RuntimeException e) {
            // A beat that began just before shutdown meets a closed database (a command that ends at once): the
            // instance is going away, which is what silence says anyway.
            if (!stopping) {
                throw e;
            }
        }
    }

    /** Stopping begins with the application's shutdown, before the database closes under a heartbeat. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Marks interrupted the runs whose instance has said nothing since the instant (it stopped or died), and forgets
     * every replayed user whose run is not going on.
     */
    private void interruptSilent(Instant since) {
        for (String id : store.interruptUnfinished(since, now())) {
            LOG.infof("Experiment %s was cut off when its server stopped: marked interrupted", id);
        }
        Set<String> going =
                store.unfinished().stream().map(ExperimentRunner::tenantOf).collect(Collectors.toSet());
        users.ownersInTenants(ExperimentRunner.tenantOf("")).stream()
                .filter(o -> !going.contains(o.tenantId()))
                .forEach(memories::forget);
    }

    /** A stopping server ends its runs as interrupted rather than letting them fail half-way through shutdown. */
    @PreDestroy
    void stop() {
        stopping = true;
        workers.shutdownNow();
        try {
            store.interruptMine(instanceId, now());
        } catch (RuntimeException e) {
            LOG.debugf("Unfinished experiments left for the next start to mark: %s", e.getMessage());
        }
    }

    /** Queues a run; 429 when every worker is busy and the queue is full. */
    public ExperimentView submit(
            String tenantId, String dataset, List<Conversation> histories, ExperimentOptions options) {
        runner.check(options);
        int sessions = ExperimentRunner.sessionCount(histories);
        if (sessions > config.maxSessions()) {
            throw new ProblemException(
                    413,
                    "Experiment too large",
                    String.format(
                            Locale.ROOT,
                            "the data set holds %,d sessions; one experiment replays at most %,d"
                                    + " (moat.experiments.max-sessions): split it, or run it with the experiment command",
                            sessions,
                            config.maxSessions()));
        }
        String id = UUID.randomUUID().toString();
        // The view as accepted: the worker may have moved the row on by the time the response is written.
        ExperimentView queued = view(store.create(tenantId, id, dataset, json(options), sessions, instanceId, now()));
        if (!workers.offer(() -> run(id, dataset, histories, options))) {
            store.deleteRun(id);
            throw new ProblemException(
                    429,
                    "Too many experiments",
                    String.format(
                            Locale.ROOT,
                            "%d experiments are running and %d waiting, the most this server takes"
                                    + " (moat.experiments.workers, moat.experiments.queue); try again when one ends",
                            config.workers(),
                            config.queue()));
        }
        return queued;
    }

    private void run(String id, String dataset, List<Conversation> histories, ExperimentOptions options) {
        if (!store.claim(id, instanceId, now())) {
            LOG.infof("Experiment %s is no longer queued (interrupted, or claimed elsewhere): not run", id);
            return;
        }
        try {
            ExperimentReport report = runner.run(dataset, histories, options, id, p -> store.progress(id, p.done()));
            store.finish(id, json(report), now());
            LOG.infof("Experiment %s done: %d sessions", id, report.summary().sessions());
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            store.fail(id, why, now());
            LOG.warnf(e, "Experiment %s failed: %s", id, why);
        }
    }

    public Optional<ExperimentView> find(String tenantId, String id) {
        return store.findOfTenant(tenantId, id).map(this::view);
    }

    public List<ExperimentView> recent(String tenantId, int limit) {
        return store.recent(tenantId, limit).stream().map(this::view).toList();
    }

    public String csv(ExperimentReport report) {
        try {
            return files.csv(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<String> chart(ExperimentReport report, String name) {
        return ExperimentCharts.one(report, name);
    }

    private ExperimentView view(Experiment e) {
        ExperimentReport report = e.report == null ? null : parse(e.report, ExperimentReport.class);
        return new ExperimentView(
                e.id,
                e.status.name().toLowerCase(Locale.ROOT),
                e.dataset,
                parse(e.options, ExperimentOptions.class),
                new ExperimentView.Progress(e.sessionsDone, e.sessionsTotal),
                e.createdAt,
                e.startedAt,
                e.finishedAt,
                e.error,
                report == null ? null : ExperimentCharts.names(report),
                report);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T parse(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("experiment row holds unreadable " + type.getSimpleName(), e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
