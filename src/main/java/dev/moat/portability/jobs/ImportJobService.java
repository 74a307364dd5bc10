package dev.moat.portability.jobs;

import dev.moat.index.IndexConfig;
import dev.moat.jobs.Workers;
import dev.moat.memory.Memory;
import dev.moat.memory.MemoryService;
import dev.moat.memory.indexing.IndexRepairService;
import dev.moat.portability.DocumentParts;
import dev.moat.portability.ImportFormat;
import dev.moat.portability.ImportResult;
import dev.moat.portability.InvalidImportException;
import dev.moat.portability.PassportService;
import dev.moat.portability.PassportStore;
import dev.moat.problem.ProblemException;
import dev.moat.user.Owner;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Imports of uploaded documents too large for one request, run on a bounded pool of worker threads: the whole
 * document is checked first (a bad one is refused with its first bad place, nothing written), then imported a part at
 * a time, each part one transaction and searchable by BM25 once it commits, then the memories it added get their
 * vectors. Cancelling stops the job at its next part or batch; what it added stays (importing the document again adds
 * only the rest), and the index repair fills the vectors it left out.
 */
@ApplicationScoped
public class ImportJobService {

    private static final Logger LOG = Logger.getLogger(ImportJobService.class);
    /** Heartbeats older than this mean the instance running the job is gone. */
    private static final Duration SILENCE = Duration.ofSeconds(30);

    private final ImportJobRepository jobs;
    private final DocumentParts documents;
    private final PassportService passports;
    private final MemoryService memories;
    private final IndexRepairService repair;
    private final ImportJobsConfig config;
    private final IndexConfig index;
    private final Workers workers;
    private final String instanceId = UUID.randomUUID().toString();
    private volatile boolean stopping;

    public ImportJobService(
            ImportJobRepository jobs,
            DocumentParts documents,
            PassportService passports,
            MemoryService memories,
            IndexRepairService repair,
            ImportJobsConfig config,
            IndexConfig index) {
        this.jobs = jobs;
        this.documents = documents;
        this.passports = passports;
        this.memories = memories;
        this.repair = repair;
        this.config = config;
        this.index = index;
        this.workers = new Workers("moat-import", config.workers(), config.queue());
    }

    /**
     * Jobs a stopped server left going are interrupted (alone on the database, every one; sharing it, those whose
     * instance went silent), and the uploads they held are deleted: this instance holds none yet.
     */
    void onStart(@Observes StartupEvent event) {
        interruptSilent(index.shared() ? now().minus(SILENCE) : now().plus(Duration.ofDays(1)));
        try {
            Files.createDirectories(config.dir());
            try (Stream<Path> left = Files.list(config.dir())) {
                for (Path upload : left.toList()) {
                    Files.deleteIfExists(upload);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the import folder " + config.dir(), e);
        }
    }

    /** Jobs are kept alive while their instance is; any instance interrupts those of one that went silent. */
    @Scheduled(
            every = "${moat.imports.heartbeat:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void heartbeat() {
        try {
            jobs.heartbeat(instanceId, now());
            if (index.shared()) {
                interruptSilent(now().minus(SILENCE));
            }
        } catch (RuntimeException e) {
            if (!stopping) { // a beat that met the database closing under the shutdown: the instance is going anyway
                throw e;
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private void interruptSilent(Instant since) {
        for (String id : jobs.interrupt(instanceId, since, now())) {
            LOG.infof("Import job %s was cut off when its server stopped: marked interrupted", id);
        }
    }

    /** A stopping server ends its jobs as interrupted; their uploads go with them. */
    @PreDestroy
    void stop() {
        stopping = true;
        workers.shutdownNow();
        try {
            jobs.interrupt(instanceId, Instant.EPOCH, now());
        } catch (RuntimeException e) {
            LOG.debugf("Unfinished imports left for the next start to mark: %s", e.getMessage());
        }
    }

    /** The folder uploads are received into (a file there is the job's once submitted). */
    public Path uploads() {
        return config.dir();
    }

    /**
     * Queues the import of an upload received into {@link #uploads()}, which the job takes over (and deletes when it
     * ends); 429 when every worker is busy and the queue is full.
     */
    public ImportJobView submit(Owner owner, ImportFormat format, Path upload, long bytes) {
        String id = UUID.randomUUID().toString();
        Path file = config.dir().resolve(id + ".json");
        try {
            Files.move(upload, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the upload for its import job", e);
        }
        ImportJobView queued = ImportJobView.of(jobs.create(owner, id, format.id(), bytes, instanceId, now()));
        if (!workers.offer(() -> run(id, owner, format, file))) {
            jobs.deleteById(id);
            delete(file);
            throw new ProblemException(
                    429,
                    "Too many imports",
                    String.format(
                            Locale.ROOT,
                            "%d imports are running and %d waiting, the most this server takes"
                                    + " (moat.imports.workers, moat.imports.queue); try again when one ends",
                            config.workers(),
                            config.queue()));
        }
        return queued;
    }

    public Optional<ImportJobView> find(Owner owner, String id) {
        return jobs.findOf(owner, id).map(ImportJobView::of);
    }

    public List<ImportJobView> recent(Owner owner, int limit) {
        return jobs.recent(owner, limit).stream().map(ImportJobView::of).toList();
    }

    /** Cancels the job if it is going; the job as it is then (ended already: unchanged), empty for no such job. */
    public Optional<ImportJobView> cancel(Owner owner, String id) {
        return jobs.cancel(owner, id, now()).map(ImportJobView::of);
    }

    private void run(String id, Owner owner, ImportFormat format, Path file) {
        List<String> added = new ArrayList<>();
        try {
            if (!jobs.advance(id, ImportJob.Status.QUEUED, ImportJob.Status.CHECKING, now())) {
                return;
            }
            // The whole document is read once before anything is written: a bad part anywhere refuses all of it.
            int parts = documents.read(file, format, owner.userId(), config.partSize(), part -> true);
            if (!jobs.checked(id, parts)
                    || !jobs.advance(id, ImportJob.Status.CHECKING, ImportJob.Status.IMPORTING, now())) {
                return;
            }
            boolean[] going = {true};
            documents.read(file, format, owner.userId(), config.partSize(), part -> {
                PassportStore.Applied applied = passports.importPart(owner, part);
                added.addAll(waitingForVectors(applied.added()));
                ImportResult r = applied.result();
                going[0] = jobs.partDone(id, r.memoriesAdded(), r.memoriesSkipped(), r.messagesAdded());
                return going[0];
            });
            if (!going[0] || !jobs.advance(id, ImportJob.Status.IMPORTING, ImportJob.Status.EMBEDDING, now())) {
                return;
            }
            for (int from = 0; from < added.size(); from += config.embedBatch()) {
                List<String> batch = added.subList(from, Math.min(added.size(), from + config.embedBatch()));
                memories.fillVectors(owner, batch);
                if (!jobs.vectorsDone(id, batch.size())) {
                    return;
                }
            }
            added.clear();
            if (jobs.advance(id, ImportJob.Status.EMBEDDING, ImportJob.Status.DONE, now())) {
                LOG.infof("Import job %s done for user %s of tenant %s", id, owner.userId(), owner.tenantId());
            }
        } catch (InvalidImportException e) {
            jobs.fail(id, e.getMessage(), now());
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!stopping) {
                jobs.fail(id, why, now());
                LOG.warnf(e, "Import job %s failed: %s", id, why);
            }
        } finally {
            delete(file);
            if (!added.isEmpty()) {
                // Stopped before its memories all had vectors: BM25 finds them; the repair gives them the rest.
                repair.requestRepair();
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Cannot delete the import upload %s: %s", file, e.getMessage());
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The ids of the memories a part added (it also hands back those it superseded) that wait for their vector. */
    static List<String> waitingForVectors(List<Memory> added) {
        return added.stream().filter(m -> m.embedding == null).map(m -> m.id).toList();
    }
}
