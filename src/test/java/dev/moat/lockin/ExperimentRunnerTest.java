package dev.moat.lockin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.dataset.Conversation;
import dev.moat.dataset.LocomoReader;
import dev.moat.memory.MemoryQueryService;
import dev.moat.problem.ProblemException;
import dev.moat.user.Owner;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replaying the project's example history (data/examples) session by session. */
@QuarkusTest
class ExperimentRunnerTest {

    @Inject
    ExperimentRunner runner;

    @Inject
    ExperimentFiles files;

    @Inject
    MemoryQueryService memories;

    @Inject
    ObjectMapper mapper;

    private List<Conversation> example() {
        return new LocomoReader(mapper).read(Path.of("data/examples/moat-example.jsonl"));
    }

    private static ExperimentOptions k(int k) {
        ExperimentOptions d = ExperimentOptions.DEFAULTS;
        return new ExperimentOptions(k, d.carry(), d.target(), d.provider(), d.questions(), d.seed());
    }

    @Test
    void memoryValueAccumulatesSessionBySessionAndOnlyANoneMoveLosesIt() {
        List<ExperimentRunner.Progress> progress = new ArrayList<>();
        ExperimentReport report = runner.run("example", example(), ExperimentOptions.DEFAULTS, "t1", progress::add);

        assertThat(progress).extracting(ExperimentRunner.Progress::done).containsExactly(1, 2, 3, 4, 5);
        ExperimentReport.UserCurve rosa = report.users().get(0);
        assertThat(rosa.user()).isEqualTo("rosa");
        assertThat(rosa.questions()).isEqualTo(4);
        // Questions whose evidence is not replayed yet count as misses: the value grows with the history.
        assertThat(rosa.sessions())
                .extracting(ExperimentReport.SessionPoint::memoryValue)
                .containsExactly(0.25, 0.5, 1.0);
        assertThat(rosa.sessions())
                .extracting(ExperimentReport.SessionPoint::memories)
                // the messages so far, and the fact drawn from the first: "The user lives in Porto"
                .containsExactly(3L, 4L, 6L);
        for (ExperimentReport.SessionPoint p : rosa.sessions()) {
            assertThat(p.recallLoss().get("none")).isEqualTo(p.memoryValue());
            assertThat(p.recallLoss().get("passport")).isZero();
            assertThat(p.rebuildTokens().get("none")).isEqualTo(p.userTokens());
        }
        assertThat(report.summary().users()).isEqualTo(2);
        assertThat(report.summary().sessions()).isEqualTo(5);
        assertThat(report.summary().questions()).isEqualTo(7);
        assertThat(report.summary().memoryValue()).isEqualTo(1.0);
        // The replayed users are gone when the run ends.
        assertThat(memories.stats(new Owner("experiment-t1", "rosa")).total()).isZero();
    }

    @Test
    void theSameInputsGiveTheSameReportAndItsFiles(@TempDir Path out) throws Exception {
        ExperimentReport first = runner.run("example", example(), k(5), "t2", p -> {});
        ExperimentReport second = runner.run("example", example(), k(5), "t3", p -> {});
        assertThat(second).isEqualTo(first);

        files.write(first, out);
        assertThat(mapper.readValue(out.resolve("report.json").toFile(), ExperimentReport.class))
                .isEqualTo(first);
        List<String> csv = Files.readAllLines(out.resolve("report.csv"));
        assertThat(csv).hasSize(1 + 5);
        assertThat(csv.get(0)).startsWith("user,session,at,memories,userTokens,memoryValue,lossNone");
        assertThat(csv.get(1)).startsWith("rosa,1,2024-03-01T18:02:00Z,3,");

        // Charts per user and pooled, a line per carry mode, and the page that shows them with a reading.
        for (String chart :
                List.of("memory-value-pooled", "recall-loss-pooled", "memory-value-rosa", "recall-loss-ken")) {
            assertThat(out.resolve("charts/" + chart + ".svg")).exists();
        }
        String loss = Files.readString(out.resolve("charts/recall-loss-rosa.svg"));
        assertThat(loss)
                .startsWith("<?xml")
                .contains(">none<", ">transcript<", ">digest<", ">passport<", "Recall lost by moving: rosa");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html)
                .contains("<img src=\"charts/memory-value-pooled.svg\"", "<img src=\"charts/recall-loss-ken.svg\"")
                .contains("After replaying 5 sessions of 2 users, Moat's memory finds 100% of the evidence");
        // Drawn again from the same report, the files are the same, byte for byte.
        Path again = Files.createDirectories(out.resolve("again"));
        files.write(second, again);
        assertThat(Files.readString(again.resolve("charts/recall-loss-rosa.svg")))
                .isEqualTo(loss);
    }

    @Test
    void aChatReplayAsksTheProviderForEveryMessageAndMeasuresTheSameMemory() {
        ExperimentReport memoryOnly = runner.run("example", example(), ExperimentOptions.DEFAULTS, "t4", p -> {});
        ExperimentOptions d = ExperimentOptions.DEFAULTS;
        ExperimentOptions chat = new ExperimentOptions(d.k(), d.carry(), d.target(), "offline", null, d.seed());
        ExperimentReport replayed = runner.run("example", example(), chat, "t5", p -> {});

        // The same messages at the same times become the same memories: the curves agree.
        for (int u = 0; u < 2; u++) {
            assertThat(replayed.users().get(u).sessions())
                    .extracting(ExperimentReport.SessionPoint::memoryValue)
                    .isEqualTo(memoryOnly.users().get(u).sessions().stream()
                            .map(ExperimentReport.SessionPoint::memoryValue)
                            .toList());
        }
        // A provider call per user message (rosa's sessions hold 2, 1 and 2), with the tokens it took.
        assertThat(replayed.users().get(0).sessions())
                .extracting(p -> p.chat().calls())
                .containsExactly(2, 1, 2);
        assertThat(replayed.summary().chat().calls()).isEqualTo(8);
        assertThat(replayed.summary().chat().inputTokens()).isPositive();
        assertThat(memoryOnly.summary().chat()).isNull();
        assertThat(memoryOnly.users().get(0).sessions().get(0).chat()).isNull();
    }

    @Test
    void reportsOnlyTheChosenCarryModesAndTheQuestionsTheSeedPicks(@TempDir Path out) throws Exception {
        ExperimentOptions options =
                new ExperimentOptions(10, List.of(CarryMode.PASSPORT, CarryMode.NONE), "offline", null, 2, 7);
        ExperimentReport report = runner.run("example", example(), options, "t6", p -> {});

        assertThat(report.options().carryIds()).containsExactly("none", "passport");
        assertThat(report.users())
                .extracting(ExperimentReport.UserCurve::questions)
                .containsExactly(2, 2);
        assertThat(report.summary().recallLoss()).containsOnlyKeys("none", "passport");
        assertThat(report.users().get(0).sessions().get(0).recallLoss()).containsOnlyKeys("none", "passport");
        // The seed fixes the pick: the same options give the same report.
        assertThat(runner.run("example", example(), options, "t7", p -> {})).isEqualTo(report);

        files.write(report, out);
        assertThat(Files.readString(out.resolve("charts/recall-loss-rosa.svg")))
                .contains(">none<", ">passport<")
                .doesNotContain(">transcript<");
        // The transcript columns stay in report.csv, empty.
        assertThat(Files.readAllLines(out.resolve("report.csv")).get(1)).contains(",,");
    }

    @Test
    void movesToADestinationWithTheModesItAccepts(@TempDir Path out) throws Exception {
        ExperimentOptions paste =
                new ExperimentOptions(10, List.of(CarryMode.DIGEST), "chat-assistant", null, null, 42);
        ExperimentReport pasted = runner.run("example", example(), paste, "t10", p -> {});
        ExperimentOptions service =
                new ExperimentOptions(10, List.of(CarryMode.NONE, CarryMode.MEM0), "memory-service", null, null, 42);
        ExperimentReport moved = runner.run("example", example(), service, "t11", p -> {});
        for (int u = 0; u < 2; u++) {
            for (ExperimentReport.SessionPoint p : pasted.users().get(u).sessions()) {
                // a history this small fits in a 2,000-token digest whole
                assertThat(p.recallLoss().get("digest")).isZero();
                assertThat(p.rebuildTokens().get("digest")).isZero();
            }
            for (ExperimentReport.SessionPoint p : moved.users().get(u).sessions()) {
                assertThat(p.recallLoss().get("none")).isEqualTo(p.memoryValue());
                // every memory still holds, and k is above the history: another retriever finds it all too
                assertThat(p.recallLoss().get("mem0")).isZero();
            }
        }
        files.write(moved, out);
        assertThat(Files.readString(out.resolve("charts/recall-loss-rosa.svg")))
                .contains(">none<", ">mem0<")
                .doesNotContain(">passport<");
        assertThat(Files.readAllLines(out.resolve("report.csv")).get(0)).contains("lossDigest,lossMem0,lossPassport");
    }

    @Test
    void refusesAProviderThisMoatDoesNotHaveBeforeReplayingAnything() {
        ExperimentOptions d = ExperimentOptions.DEFAULTS;
        ExperimentOptions options = new ExperimentOptions(d.k(), d.carry(), d.target(), "nobody", null, d.seed());
        assertThatThrownBy(() -> runner.run("example", example(), options, "t8", p -> {}))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("unknown provider 'nobody'");
        assertThat(memories.stats(new Owner("experiment-t8", "rosa")).total()).isZero();
    }

    @Test
    void optionsOutsideTheirRangesAreRefusedWithTheValue() {
        assertThatThrownBy(() -> new ExperimentOptions(0, List.of(CarryMode.NONE), "offline", null, null, 1))
                .hasMessage("k must lie in 1..100, got 0");
        assertThatThrownBy(() -> new ExperimentOptions(10, List.of(), "offline", null, null, 1))
                .hasMessageContaining("at least one carry mode");
        assertThatThrownBy(() -> CarryMode.of("suitcase")).hasMessageContaining("unknown carry mode 'suitcase'");
    }
}
