package dev.moat.chat;

import java.time.Instant;
import java.util.List;

/** The reply to a chat turn, who wrote it, the memories it was given and what it cost. */
public record ChatReply(
        String reply,
        String sessionId,
        String provider,
        String model,
        List<UsedMemory> memories,
        Usage usage,
        long latencyMs) {

    /** A memory put in the prompt. */
    public record UsedMemory(String id, String text, double score, Instant occurredAt) {}

    /** Tokens and cost of the provider call that answered. */
    public record Usage(long inputTokens, long outputTokens, double costUsd) {}
}
