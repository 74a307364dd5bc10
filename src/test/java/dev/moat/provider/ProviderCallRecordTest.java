package dev.moat.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.moat.support.Users;
import dev.moat.user.Owner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a caller keeps of a reply (a chat's transcript entry) commits in the transaction that records the provider
 * call; when it cannot be kept, the call's record stays all the same (the provider answered, and is paid), and no
 * other provider is asked.
 */
@QuarkusTest
class ProviderCallRecordTest {

    @Inject
    ProviderRouter router;

    @Inject
    ProviderCallRepository calls;

    private static final List<ChatMessage> HELLO = List.of(UserMessage.from("hello there"));

    @Test
    void whatTheCallerKeepsCommitsWithTheCallsRecord() {
        Owner owner = Owner.of(Users.fresh("callrecord"));
        List<Long> seenInside = new ArrayList<>();
        ProviderReply reply = router.chat(owner, "offline", null, HELLO, ProviderRouter.Tuning.NONE, r -> {
            assertThat(QuarkusTransaction.isActive()).isTrue();
            seenInside.add(callsOf(owner));
        });
        assertThat(reply.provider()).isEqualTo("offline");
        // inside the keep, the call's record was already written in the same transaction
        assertThat(seenInside).containsExactly(1L);
        assertThat(callsOf(owner)).isEqualTo(1);
    }

    @Test
    void aReplyThatCannotBeKeptLeavesTheCallsRecordAndAsksNoOtherProvider() {
        Owner owner = Owner.of(Users.fresh("callrecord"));
        AtomicInteger keeps = new AtomicInteger();
        assertThatThrownBy(() -> router.chat(owner, "offline", null, HELLO, ProviderRouter.Tuning.NONE, r -> {
                    keeps.incrementAndGet();
                    throw new IllegalStateException("the transcript is full");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the transcript is full");
        assertThat(keeps.get()).isEqualTo(1);
        assertThat(callsOf(owner)).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> calls.find("userId", owner.userId()).firstResult().outcome))
                .isEqualTo("ok");
    }

    private long callsOf(Owner owner) {
        return QuarkusTransaction.joiningExisting().call(() -> calls.count("userId", owner.userId()));
    }
}
