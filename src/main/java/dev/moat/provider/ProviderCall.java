package dev.moat.provider;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One call to a provider, for usage and cost accounting. */
@Entity
@Table(name = "provider_call")
public class ProviderCall {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "provider_call_seq")
    @SequenceGenerator(name = "provider_call_seq", sequenceName = "provider_call_seq", allocationSize = 50)
    public Long id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String provider;

    @Column(nullable = false)
    public String model;

    /** ok, retriable or failed. */
    @Column(nullable = false)
    public String outcome;

    @Column(name = "input_tokens", nullable = false)
    public long inputTokens;

    @Column(name = "output_tokens", nullable = false)
    public long outputTokens;

    @Column(name = "cost_usd", nullable = false)
    public double costUsd;

    @Column(name = "latency_ms", nullable = false)
    public long latencyMs;

    @Column(nullable = false)
    public Instant at;
}
