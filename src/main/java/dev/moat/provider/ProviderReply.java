package dev.moat.provider;

import java.util.List;

/** What the routed provider answered, who it was, what it cost, and which providers were tried first. */
public record ProviderReply(
        String provider,
        String model,
        String text,
        long inputTokens,
        long outputTokens,
        double costUsd,
        long latencyMs,
        List<String> tried) {}
