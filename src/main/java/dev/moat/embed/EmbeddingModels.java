package dev.moat.embed;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every in-process embedding model by its id: the configured one, which embeds the memories, and the others, loaded
 * the first time something asks for them (the switching-cost meter, modelling a destination whose retriever embeds
 * with another model). Each loaded model keeps its ONNX session, about 35 MB, for the life of the process.
 */
@ApplicationScoped
public class EmbeddingModels {

    private final EmbeddingService configured;
    private final EmbeddingConfig config;
    private final Map<BundledEmbeddingModel.Kind, EmbeddingService> others = new ConcurrentHashMap<>();

    public EmbeddingModels(EmbeddingService configured, EmbeddingConfig config) {
        this.configured = configured;
        this.config = config;
    }

    /** The service of the model of this id; an unknown id is refused with the ids there are. */
    public EmbeddingService of(String id) {
        if (id == null || id.equals(configured.modelName())) {
            return configured;
        }
        BundledEmbeddingModel.Kind kind = BundledEmbeddingModel.Kind.of(id);
        return others.computeIfAbsent(kind, k -> new EmbeddingService(new BundledEmbeddingModel(k), config));
    }

    /** Whether an id names a model Moat can load. */
    public static boolean known(String id) {
        return Arrays.stream(BundledEmbeddingModel.Kind.values()).anyMatch(k -> k.id().equals(id));
    }

    /** The ids of the models Moat can load, comma-separated. */
    public static String ids() {
        return BundledEmbeddingModel.Kind.ids();
    }
}
