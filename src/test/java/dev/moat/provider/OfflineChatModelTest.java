package dev.moat.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineChatModelTest {

    private final OfflineChatModel model = new OfflineChatModel();

    private String ask(String memories, String question) {
        return model.chat(ChatRequest.builder()
                        .messages(
                                SystemMessage.from("You are helpful.\n\nMemories:\n" + OfflineChatModel.OPEN + "\n"
                                        + memories + "\n" + OfflineChatModel.CLOSE),
                                UserMessage.from(question))
                        .build())
                .aiMessage()
                .text();
    }

    @Test
    void quotesTheMemoriesThatShareTheMostWordsWithTheQuestion() {
        String reply = ask(
                "- [2024-01-02] My sister Laura lives in Lisbon\n- [2024-01-03] I like green tea\n"
                        + "- [2024-01-04] Laura studies law",
                "Where does my sister Laura live?");
        assertThat(reply)
                .startsWith("[Moat offline model: extractive, not an LLM]")
                .contains("- [2024-01-02] My sister Laura lives in Lisbon")
                .contains("- [2024-01-04] Laura studies law")
                .doesNotContain("green tea");
        assertThat(reply.indexOf("Lisbon")).isLessThan(reply.indexOf("law"));
    }

    @Test
    void readsOnlyTheLinesInsideTheMemoryBlock() {
        String system = "- [2024-01-01] Laura lives in Rome\n" + OfflineChatModel.OPEN
                + "\n- [2024-01-02] Laura lives in Lisbon\n" + OfflineChatModel.CLOSE
                + "\n- [2024-01-03] Laura lives in Oslo";
        assertThat(OfflineChatModel.memoryLines(system)).containsExactly("- [2024-01-02] Laura lives in Lisbon");
    }

    @Test
    void saysSoWhenNothingBearsOnTheQuestionAndNeverEchoesEarlierQuestions() {
        assertThat(ask("- [2024-01-03] Where is my umbrella?", "umbrella"))
                .contains("None of your earlier messages bears on this");
    }

    @Test
    void isDeterministicAndQuotesAtMostThree() {
        String memories = String.join(
                "\n",
                List.of(
                        "- [2024-01-01] cat one",
                        "- [2024-01-02] cat two",
                        "- [2024-01-03] cat three",
                        "- [2024-01-04] cat four"));
        String reply = ask(memories, "cat");
        assertThat(reply).isEqualTo(ask(memories, "cat"));
        assertThat(reply.lines().filter(l -> l.startsWith("- ["))).hasSize(OfflineChatModel.MAX_QUOTED);
    }
}
