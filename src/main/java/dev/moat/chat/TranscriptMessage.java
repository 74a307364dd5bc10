package dev.moat.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One turn of a session's transcript: the user's message, or the reply with the provider that wrote it. */
@Entity
@Table(name = "chat_message")
public class TranscriptMessage {

    /** Who spoke. */
    public enum Role {
        USER,
        ASSISTANT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_message_seq")
    @SequenceGenerator(name = "chat_message_seq", sequenceName = "chat_message_seq", allocationSize = 50)
    public Long id;

    @Column(name = "session_id", nullable = false)
    public String sessionId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Role role;

    @Column(nullable = false)
    public String text;

    public String provider;

    public String model;

    /** The memory a user message became. */
    @Column(name = "memory_id")
    public String memoryId;

    @Column(nullable = false)
    public Instant at;
}
