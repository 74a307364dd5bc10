package dev.moat.chat.openai;

import dev.moat.provider.ProviderRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** OpenAI's model list: each configured provider is a model an OpenAI client can name. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final ProviderRegistry registry;

    public ModelsResource(ProviderRegistry registry) {
        this.registry = registry;
    }

    @GET
    public CompletionResponse.ModelList models() {
        return new CompletionResponse.ModelList(
                "list",
                registry.all().stream()
                        .map(p -> new CompletionResponse.Model(p.name(), "model", 0, "moat"))
                        .toList());
    }
}
