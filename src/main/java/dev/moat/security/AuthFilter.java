package dev.moat.security;

import dev.moat.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every request to the API and the dashboard names its caller by key: {@code Authorization: Bearer <key>} (the
 * OpenAI-compatible API included), or {@code x-api-key: <key>} as Anthropic's SDKs send it, or for the dashboard's
 * pages the cookie its login form sets. Without a valid key
 * the API answers 401 and a page sends the browser to /login. With {@code moat.auth.enabled=false} everyone is an
 * admin of tenant default. Each key has a rate limit ({@link RateLimiter}): over it, 429 with Retry-After.
 */
public class AuthFilter {

    /** The dashboard's cookie: the key itself, HttpOnly and SameSite=Strict. */
    public static final String COOKIE = "moat_key";

    private final KeyService keys;
    private final AuthConfig config;
    private final CallerContext context;
    private final RateLimiter limiter;

    public AuthFilter(KeyService keys, AuthConfig config, CallerContext context, RateLimiter limiter) {
        this.keys = keys;
        this.config = config;
        this.context = context;
        this.limiter = limiter;
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals("/login")) {
            return Optional.empty();
        }
        if (!config.enabled()) {
            context.set(Caller.OPEN);
            return Optional.empty();
        }
        boolean api = path.startsWith("/v1/") || path.equals("/v1");
        Optional<Caller> caller = keys.authenticate(presented(request, api));
        if (caller.isPresent()) {
            OptionalLong wait = limiter.retryAfter(caller.get().keyId());
            if (wait.isPresent()) {
                return refuse(
                        Problem.of(
                                429,
                                "Too many requests",
                                "this key is over its rate limit (moat.auth.rate-per-second, moat.auth.burst);"
                                        + " retry in " + wait.getAsLong() + " s",
                                path),
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(wait.getAsLong()));
            }
            context.set(caller.get());
            return Optional.empty();
        }
        if (!api) {
            return Optional.of(Response.seeOther(URI.create("/login")).build());
        }
        return refuse(
                Problem.of(
                        401,
                        "Unauthorized",
                        "send an API key as 'Authorization: Bearer <key>' or 'x-api-key: <key>' (docs/API.md, \"Keys\")",
                        path),
                HttpHeaders.WWW_AUTHENTICATE,
                "Bearer realm=\"moat\"");
    }

    /** The problem as the response, with the header that tells the client what to do next. */
    private static Optional<Response> refuse(Problem problem, String header, String value) {
        return Optional.of(Response.fromResponse(problem.toResponse())
                .header(header, value)
                .build());
    }

    private static String presented(ContainerRequestContext request, boolean api) {
        String key = apiKey(
                request.getHeaderString(HttpHeaders.AUTHORIZATION), api ? request.getHeaderString("x-api-key") : null);
        if (key != null) {
            return key;
        }
        Cookie cookie = api ? null : request.getCookies().get(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    /** The key an API request presents in its Authorization (Bearer) or x-api-key header; null for none. */
    static String apiKey(String authorization, String xApiKey) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return xApiKey != null && !xApiKey.isBlank() ? xApiKey.strip() : null;
    }
}
