package dev.moat.mcp;

import dev.moat.security.Caller;
import dev.moat.security.KeyService;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A bearer key on the MCP endpoint, looked up as for the REST API (KeyService, its cache included). */
@ApplicationScoped
public class McpKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The identity's attribute holding the Caller the tools act for. */
    static final String CALLER = "moat.caller";

    private final KeyService keys;

    public McpKeyIdentityProvider(KeyService keys) {
        this.keys = keys;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> keys.authenticate(request.getToken().getToken())
                .map(McpKeyIdentityProvider::identity)
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked key")));
    }

    static SecurityIdentity identity(Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.keyId() == null ? "open" : caller.keyId()))
                .addRole(caller.role().id())
                .addAttribute(CALLER, caller)
                .build();
    }
}
