package dev.moat.user;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A user of a tenant; created with their first memory, removed when they are forgotten. */
@Entity
@Table(name = "moat_user")
public class MoatUser {

    /** Tenant and user id together. */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "tenant_id")
        public String tenantId;

        @Column(name = "user_id")
        public String userId;

        protected Key() {}

        public Key(Owner owner) {
            this.tenantId = owner.tenantId();
            this.userId = owner.userId();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && tenantId.equals(k.tenantId) && userId.equals(k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, userId);
        }
    }

    @EmbeddedId
    public Key key;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The provider this user's chats go to when a request names none; null for the configured default. */
    public String provider;
}
