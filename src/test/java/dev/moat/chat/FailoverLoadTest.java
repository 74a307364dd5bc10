package dev.moat.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.moat.support.ProviderStubServer;
import dev.moat.support.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's failover under load: 16 clients chat at once through a provider that always fails (503), so every chat
 * falls over to the fallback; half way through the fallback goes down too. Each chat is answered by the fallback
 * (200) or refused with 502 once both are down, never anything else, and every user message is kept either way.
 */
@QuarkusTest
@QuarkusTestResource(ProviderStubServer.class)
class FailoverLoadTest {

    private static final int CLIENTS = 16;
    private static final int CHATS = 6;

    @Test
    void anOutageUnderLoadNeverLosesAMessage() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<String> users = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                String user = Users.fresh("failload");
                users.add(user);
                running.add(clients.submit(() -> {
                    for (int i = 0; i < CHATS; i++) {
                        Response r = given().contentType(ContentType.JSON)
                                .body(Map.of(
                                        "userId", user, "message", "message " + i + " of " + user, "provider", "flaky"))
                                .post("/v1/chat");
                        if (r.statusCode() == 200) {
                            assertThat(r.jsonPath().getString("provider")).isEqualTo("openai-stub");
                            answered.incrementAndGet();
                        } else {
                            assertThat(r.statusCode()).as(r.asString()).isEqualTo(502);
                            assertThat(r.contentType()).startsWith("application/problem+json");
                            refused.incrementAndGet();
                        }
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            // The fallback goes down half way through, and stays down to the end.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> done.get() >= CLIENTS * CHATS / 2);
            ProviderStubServer.setDown("openai", true);
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            ProviderStubServer.setDown("openai", false);
            clients.shutdownNow();
        }
        assertThat(answered.get()).isPositive();
        assertThat(refused.get()).isPositive();
        assertThat(answered.get() + refused.get()).isEqualTo(CLIENTS * CHATS);
        for (String user : users) {
            List<String> kept = given().queryParam("limit", 200)
                    .get("/v1/users/{u}/memories", user)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("items.text");
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < CHATS; i++) {
                sent.add("message " + i + " of " + user);
            }
            assertThat(kept).as("every message of %s, once", user).containsExactlyInAnyOrderElementsOf(sent);
        }
    }
}
