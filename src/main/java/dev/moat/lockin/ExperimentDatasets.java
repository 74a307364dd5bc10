package dev.moat.lockin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.dataset.Conversation;
import dev.moat.dataset.DatasetException;
import dev.moat.dataset.LocomoReader;
import dev.moat.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The data sets an experiment over HTTP may run on: uploaded in the request, or a path confined to
 * {@code moat.experiments.root}. Read in full when the request arrives, so a bad one is refused (400) before any run
 * is queued.
 */
@ApplicationScoped
public class ExperimentDatasets {

    private static final Logger LOG = Logger.getLogger(ExperimentDatasets.class);

    private final ObjectMapper mapper;
    private final ExperimentsConfig config;

    public ExperimentDatasets(ObjectMapper mapper, ExperimentsConfig config) {
        this.mapper = mapper;
        this.config = config;
    }

    /** A data set under {@code moat.experiments.root}; 400 for any path outside it, or when no root is set. */
    public List<Conversation> fromPath(String path) {
        Path root = config.root()
                .orElseThrow(() -> ProblemException.badRequest(
                        "data set paths are off: set moat.experiments.root to the folder they may come from,"
                                + " or upload the data set in the request body"));
        Path resolved;
        try {
            Path realRoot = root.toRealPath();
            resolved = realRoot.resolve(path).normalize();
            if (!Files.exists(resolved)) {
                throw ProblemException.badRequest("data set not found: " + path + " (under the experiments root)");
            }
            // Real paths, so that neither '..' nor a symbolic link leads out of the root.
            resolved = resolved.toRealPath();
            if (!resolved.startsWith(realRoot)) {
                throw ProblemException.badRequest("data set path " + path + " lies outside the experiments root");
            }
        } catch (IOException e) {
            throw ProblemException.badRequest("cannot read data set " + path + ": " + e.getMessage());
        }
        return read(resolved, path);
    }

    /** An uploaded data set: LoCoMo JSON, or Moat's JSONL when jsonl is true. */
    public List<Conversation> fromUpload(byte[] body, boolean jsonl) {
        if (body.length == 0) {
            throw ProblemException.badRequest(
                    "send a data set in the body (LoCoMo JSON or Moat JSONL), or name one with ?path=");
        }
        Path file = null;
        try {
            file = Files.createTempFile("moat-experiment-", jsonl ? ".jsonl" : ".json");
            Files.write(file, body);
            return read(file, "the uploaded data set");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warnf("Could not delete %s: %s", file, e.getMessage());
                }
            }
        }
    }

    private List<Conversation> read(Path file, String name) {
        List<Conversation> conversations;
        try {
            conversations = new LocomoReader(mapper).read(file);
        } catch (DatasetException e) {
            throw ProblemException.badRequest(e.getMessage().replace(file.toString(), name));
        }
        if (conversations.stream().allMatch(c -> c.turns().isEmpty())) {
            throw ProblemException.badRequest(name + " holds no messages to replay");
        }
        return conversations;
    }
}
