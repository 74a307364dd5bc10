package dev.moat.provider;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import dev.moat.user.Owner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Sends a chat to a provider: the request's, else the user's pinned one, else the default; on a retriable failure
 * the configured fallbacks in order. Records every call with its tokens (the provider's count, else estimated with
 * the cl100k tokenizer), its cost at the configured prices and its latency.
 */
@ApplicationScoped
public class ProviderRouter {

    private static final Logger LOG = Logger.getLogger(ProviderRouter.class);

    private final ProviderRegistry registry;
    private final ProviderStore store;
    private final MeterRegistry metrics;

    public ProviderRouter(ProviderRegistry registry, ProviderStore store, MeterRegistry metrics) {
        this.registry = registry;
        this.store = store;
        this.metrics = metrics;
    }

    /** The provider a request would go to first. Unknown names are refused before anything is stored. */
    public String choose(Owner owner, String requested) {
        if (requested != null && !requested.isBlank()) {
            requireKnown(requested);
            return requested;
        }
        return store.pinned(owner).filter(p -> registry.find(p).isPresent()).orElse(registry.defaultProvider());
    }

    public void requireKnown(String name) {
        if (registry.find(name).isEmpty()) {
            throw ProviderException.unknown(
                    name,
                    registry.all().stream().map(ProviderRegistry.Provider::name).toList());
        }
    }

    /** Sampling settings a request may carry; null fields leave the provider's own. */
    public record Tuning(Double temperature, Integer maxTokens) {
        public static final Tuning NONE = new Tuning(null, null);
    }

    /** Asks the first provider (with another of its models when given), then the fallbacks on retriable errors. */
    public ProviderReply chat(Owner owner, String first, String model, List<ChatMessage> messages, Tuning tuning) {
        return chat(owner, first, model, messages, tuning, reply -> {});
    }

    /**
     * As {@link #chat(Owner, String, String, List, Tuning)}, with what the caller keeps of the reply (keep: a chat's
     * transcript entry) committed in the transaction that records the call: both, or neither.
     */
    public ProviderReply chat(
            Owner owner,
            String first,
            String model,
            List<ChatMessage> messages,
            Tuning tuning,
            Consumer<ProviderReply> keep) {
        return route(owner, first, model, messages, tuning, keep, (p, request, sent) -> p.chat()
                .chat(request));
    }

    /**
     * As {@link #chat(Owner, String, String, List, Tuning, Consumer)}, handing each token to onToken as it arrives.
     * A provider fails over only before its first token: once the caller has part of a reply, another provider
     * cannot take it back.
     */
    public ProviderReply stream(
            Owner owner,
            String first,
            String model,
            List<ChatMessage> messages,
            Tuning tuning,
            Consumer<String> onToken,
            Consumer<ProviderReply> keep) {
        return route(owner, first, model, messages, tuning, keep, (p, request, sent) -> {
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            p.streaming().chat(request, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String token) {
                    sent.set(true);
                    onToken.accept(token);
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            try {
                return done.get(p.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new dev.langchain4j.exception.TimeoutException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while streaming", e);
            }
        });
    }

    /** One attempt at one provider; sent turns true once any of the reply reached the caller. */
    private interface Attempt {
        ChatResponse call(ProviderRegistry.Provider provider, ChatRequest request, AtomicBoolean sent);
    }

    private ProviderReply route(
            Owner owner,
            String first,
            String model,
            List<ChatMessage> messages,
            Tuning tuning,
            Consumer<ProviderReply> keep,
            Attempt attempt) {
        Set<String> order = new LinkedHashSet<>();
        order.add(first);
        order.addAll(registry.fallbacks());
        List<String> tried = new ArrayList<>();
        String lastError = "";
        ChatRequest request = ChatRequest.builder()
                .messages(messages)
                .temperature(tuning.temperature())
                .maxOutputTokens(tuning.maxTokens())
                .build();
        for (String name : order) {
            ProviderRegistry.Provider p = name.equals(first)
                    ? registry.withModel(name, model)
                    : registry.find(name).orElseThrow();
            tried.add(name);
            AtomicBoolean sent = new AtomicBoolean();
            long start = System.nanoTime();
            ChatResponse response;
            try {
                response = attempt.call(p, request, sent);
            } catch (RuntimeException e) {
                long latency = (System.nanoTime() - start) / 1_000_000;
                boolean retriable = Retriable.isRetriable(e) && !sent.get();
                lastError = describe(e);
                store.record(call(owner, p, p.model(), retriable ? "retriable" : "failed", 0, 0, 0, latency), () -> {});
                registry.recordCall(name, "error", lastError);
                LOG.warnf("Provider %s failed (%s): %s", name, retriable ? "retriable" : "not retriable", lastError);
                if (!retriable) {
                    throw ProviderException.rejected(name, lastError);
                }
                continue;
            }
            // Outside the attempt: a failure to keep the answer is the database's, not a reason to ask another.
            return succeed(owner, p, messages, response, (System.nanoTime() - start) / 1_000_000, tried, keep);
        }
        throw ProviderException.allFailed(tried, lastError);
    }

    private ProviderReply succeed(
            Owner owner,
            ProviderRegistry.Provider p,
            List<ChatMessage> messages,
            ChatResponse response,
            long latency,
            List<String> tried,
            Consumer<ProviderReply> keep) {
        String text =
                response.aiMessage().text() == null ? "" : response.aiMessage().text();
        TokenUsage usage = response.tokenUsage();
        long input = usage != null && usage.inputTokenCount() != null ? usage.inputTokenCount() : estimate(messages);
        long output = usage != null && usage.outputTokenCount() != null ? usage.outputTokenCount() : Tokens.count(text);
        double cost =
                input * p.price().inputPerMtok() / 1e6 + output * p.price().outputPerMtok() / 1e6;
        String model = response.modelName() != null ? response.modelName() : p.model();
        ProviderReply reply =
                new ProviderReply(p.name(), model, text, input, output, cost, latency, List.copyOf(tried));
        ProviderCall call = call(owner, p, model, "ok", input, output, cost, latency);
        try {
            store.record(call, () -> keep.accept(reply));
        } catch (RuntimeException e) {
            // The provider answered, and is paid: its record stays when what the caller keeps of the reply cannot.
            call.id = null;
            try {
                store.record(call, () -> {});
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        registry.recordCall(p.name(), "ok", null);
        return reply;
    }

    /** The call's record, to store; its figures are added to the provider's meters. */
    private ProviderCall call(
            Owner owner,
            ProviderRegistry.Provider p,
            String model,
            String outcome,
            long input,
            long output,
            double cost,
            long latency) {
        ProviderCall call = new ProviderCall();
        call.tenantId = owner.tenantId();
        call.userId = owner.userId();
        call.provider = p.name();
        call.model = model;
        call.outcome = outcome;
        call.inputTokens = input;
        call.outputTokens = output;
        call.costUsd = cost;
        call.latencyMs = latency;
        call.at = Instant.now();
        metrics.counter("moat.provider.calls", "provider", p.name(), "outcome", outcome)
                .increment();
        metrics.counter("moat.provider.tokens", "provider", p.name(), "direction", "input")
                .increment(input);
        metrics.counter("moat.provider.tokens", "provider", p.name(), "direction", "output")
                .increment(output);
        metrics.counter("moat.provider.cost.usd", "provider", p.name()).increment(cost);
        Timer.builder("moat.provider.latency")
                .description("Time a provider took to answer a chat call, by provider and outcome")
                .tags("provider", p.name(), "outcome", outcome)
                .publishPercentileHistogram()
                .register(metrics)
                .record(latency, TimeUnit.MILLISECONDS);
        return call;
    }

    private static long estimate(List<ChatMessage> messages) {
        long tokens = 0;
        for (ChatMessage m : messages) {
            if (m instanceof SystemMessage s) {
                tokens += Tokens.count(s.text());
            } else if (m instanceof UserMessage u && u.hasSingleText()) {
                tokens += Tokens.count(u.singleText());
            } else if (m instanceof dev.langchain4j.data.message.AiMessage a && a.text() != null) {
                tokens += Tokens.count(a.text());
            }
        }
        return tokens;
    }

    /** The failure in one line, without the provider's key or a stack trace. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() != null ? e.getMessage() : root.toString();
        message = message.replaceAll("(?i)(key|token|authorization)[=:]\\s*\\S+", "$1=***");
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
