package dev.moat.memory;

import static io.restassured.RestAssured.given;

import dev.moat.embed.EmbeddingService;
import dev.moat.embed.Vectors;
import dev.moat.support.Phases;
import dev.moat.support.Users;
import dev.moat.user.Owner;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** First half of a real restart: memories written through the API, and one the index never saw. */
@QuarkusTest
@TestProfile(Phases.First.class)
@Order(1)
class RestartPhase1Test {

    /** The user whose memories cross the restart, handed to {@link RestartPhase2Test}. */
    static final String USER_PROPERTY = "tests.restart.user";

    @Inject
    MemoryStore store;

    @Inject
    EmbeddingService embeddings;

    @Test
    void writesMemoriesThatMustSurviveTheRestart() {
        String user = Users.fresh("restart");
        given().contentType(ContentType.JSON)
                .body(List.of(
                        Map.of("text", "my bike lock code is 4711", "kind", "fact"),
                        Map.of("text", "I prefer oat milk in coffee", "kind", "preference")))
                .post("/v1/users/{u}/memories/batch", user)
                .then()
                .statusCode(201);
        // As if the process died between the database commit and the index update.
        NewMemory missed = new NewMemory("the spare key is under the blue flowerpot");
        byte[] vector =
                Vectors.toBytes(embeddings.embedAll(List.of(missed.text())).get(0));
        store.insert(
                Owner.of(user), List.of(new MemoryStore.Draft(missed, vector)), embeddings.modelName(), Instant.now());
        System.setProperty(USER_PROPERTY, user);
    }
}
