package dev.moat.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.problem.Problem;
import dev.moat.security.AuthConfig;
import dev.moat.security.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Moat's keys on the MCP endpoint, which is not a REST resource and so not behind AuthFilter: {@code Authorization:
 * Bearer <key>}, checked by {@link McpKeyIdentityProvider}. Only /mcp asks for it (the permission in
 * application.properties; authentication is not proactive), and a request without a valid key gets 401 with a
 * problem document before any tool runs.
 */
@ApplicationScoped
public class McpKeyMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    private final AuthConfig auth;
    private final ObjectMapper json;

    public McpKeyMechanism(AuthConfig auth, ObjectMapper json) {
        this.auth = auth;
        this.json = json;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!auth.enabled()) {
            return Uni.createFrom().item(McpKeyIdentityProvider.identity(Caller.OPEN));
        }
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        String key = header.substring(BEARER.length()).strip();
        // An unknown key counts as none: the permission then refuses it through sendChallenge, with its problem body.
        return identities
                .authenticate(new TokenAuthenticationRequest(new TokenCredential(key, "bearer")))
                .onFailure(AuthenticationFailedException.class)
                .recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"moat\""));
    }

    /** The challenge with a problem document saying what to send, as the REST API's 401 does. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        Problem problem = Problem.of(
                401,
                "Unauthorized",
                "send an API key as 'Authorization: Bearer <key>' (docs/MCP.md)",
                context.normalizedPath());
        try {
            context.response()
                    .setStatusCode(401)
                    .putHeader("WWW-Authenticate", "Bearer realm=\"moat\"")
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE.toString())
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem document", e);
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
