package dev.moat.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.moat.support.ExperimentsApi;
import dev.moat.support.MemoriesApi;
import dev.moat.support.PersistenceTest;
import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's pages as HTML: what each shows, for whom; the browser test (DashboardIT) draws the charts. On
 * PostgreSQL too: the user directory's queries and an experiment's row and report.
 */
@QuarkusTest
@PersistenceTest
class DashboardTest {

    private static Document page(String path) {
        String html = given().get(path)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
        return Jsoup.parse(html);
    }

    @Test
    void listsUsersWithTheirMemoryCounts() {
        String user = Users.fresh("dash");
        MemoriesApi.add(user, Map.of("text", "I keep bees in the garden"));
        MemoriesApi.add(user, Map.of("text", "My sister lives in Lisbon"));

        Document index = page("/?after=" + user.substring(0, user.length() - 1));
        var row = index.select("#users tr:has(a[href=/users/" + user + "])");
        assertThat(row).hasSize(1);
        assertThat(row.select("td").get(1).text()).isEqualTo("2");
    }

    @Test
    void showsAUsersMemoriesSearchAndMeterButNeverAnotherUsersMemory() {
        String user = Users.fresh("dash");
        String other = Users.fresh("dash");
        MemoriesApi.add(user, Map.of("text", "I keep bees in the garden"));
        MemoriesApi.add(user, Map.of("text", "My sister lives in Lisbon"));
        MemoriesApi.add(other, Map.of("text", "I keep goats on the hill"));

        Document all = page("/users/" + user);
        assertThat(all.select("#memories td:first-child").eachText())
                .containsExactlyInAnyOrder("I keep bees in the garden", "My sister lives in Lisbon");
        Document found = page("/users/" + user + "?q=keep");
        assertThat(found.select("#memories td:first-child").eachText())
                .contains("I keep bees in the garden")
                .doesNotContain("I keep goats on the hill");

        // The meter for the chosen target: a row and a chart series per carry mode.
        Document meter = page("/users/" + user + "?target=offline");
        assertThat(meter.select("#meter tbody td:first-child").eachText())
                .containsExactly("none", "transcript", "digest", "passport");
        assertThat(meter.select("#meter-form option[selected]").text()).isEqualTo("offline");
        // the destinations come first among the targets, and one shows only the modes it accepts
        assertThat(meter.select("#meter-form option").eachText())
                .startsWith("chat-assistant", "cold", "memory-service")
                .contains("moat", "offline");
        assertThat(page("/users/" + user + "?target=cold")
                        .select("#meter tbody td:first-child")
                        .eachText())
                .containsExactly("none");
        String spec = meter.select("#meter-recall").attr("data-chart");
        assertThat(spec)
                .contains(
                        "\"x\":[\"none\",\"transcript\",\"digest\",\"passport\"]",
                        "\"name\":\"kept\"",
                        "\"name\":\"lost\"");
    }

    @Test
    void showsAUserWhoseMemoriesAreAllDeleted() {
        String user = Users.fresh("dash");
        String id = MemoriesApi.add(user, Map.of("text", "a note to delete"));
        given().delete("/v1/users/{u}/memories/{id}", user, id).then().statusCode(204);

        Document index = page("/?after=" + user.substring(0, user.length() - 1));
        var cells = index.select("#users tr:has(a[href=/users/" + user + "]) td");
        assertThat(cells).hasSize(3);
        assertThat(cells.get(1).text()).isEqualTo("0");
        assertThat(cells.get(2).text()).isEmpty();
        Document empty = page("/users/" + user);
        assertThat(empty.select("#memories td").text()).isEqualTo("No memory.");
        assertThat(empty.text()).contains("Nothing to measure");
    }

    @Test
    void anUnknownUserOrExperimentIs404() {
        given().get("/users/{u}", Users.fresh("nobody")).then().statusCode(404);
        given().get("/users/{u}", "../etc").then().statusCode(404);
        given().get("/experiments/{id}", "00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404);
    }

    @Test
    void showsAnExperimentsProgressAndCurves() throws Exception {
        String id = given().post("/v1/experiments?path=moat-example.jsonl")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        ExperimentsApi.awaitFinished(id);

        Document page = page("/experiments/" + id);
        assertThat(page.select("#status strong").text()).isEqualTo("done");
        assertThat(page.select("#status progress").attr("value")).isEqualTo("5");
        assertThat(page.select("#losses td:first-child").eachText())
                .containsExactly("none", "transcript", "digest", "passport");
        assertThat(page.select("#experiment-value").attr("data-chart"))
                .contains("\"name\":\"rosa\"", "\"name\":\"ken\"");
        assertThat(page.select("#experiment-loss").attr("data-chart")).contains("\"name\":\"passport\"");
        assertThat(page.select("meta[http-equiv=refresh]")).isEmpty();
        given().get("/").then().body(containsString("/experiments/" + id)).body(not(containsString("Exception")));
    }
}
