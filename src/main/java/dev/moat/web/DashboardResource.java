package dev.moat.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.chat.ChatStore;
import dev.moat.lockin.Destinations;
import dev.moat.lockin.ExperimentService;
import dev.moat.lockin.ExperimentView;
import dev.moat.lockin.SwitchingCost;
import dev.moat.lockin.SwitchingCostService;
import dev.moat.memory.MemoryQueryService;
import dev.moat.memory.MemorySearchService;
import dev.moat.memory.MemoryView;
import dev.moat.memory.SearchRequest;
import dev.moat.memory.UserSummary;
import dev.moat.problem.ProblemException;
import dev.moat.provider.ProviderRegistry;
import dev.moat.security.Caller;
import dev.moat.security.CallerContext;
import dev.moat.user.Owner;
import dev.moat.user.UserDirectory;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard: users and their memory, a user's memories, sessions and switching-cost meter, experiments with
 * their progress and curves. Server-rendered pages (Qute); the charts are drawn in the browser by ECharts, which the
 * app serves itself (/webjars/echarts). It shows the tenant of the admin key it was opened with (see LoginResource).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

    /** Rows a page lists. */
    private static final int ROWS = 50;

    /** A memory as a row: the fields the page shows. */
    public record MemoryRow(String id, String text, String kind, Instant occurredAt, String sessionId, Double score) {

        static MemoryRow of(MemoryView m, Double score) {
            return new MemoryRow(m.id(), m.text(), m.kind().id(), m.occurredAt(), m.sessionId(), score);
        }
    }

    /** A chat session as a row. */
    public record SessionRow(String id, Instant createdAt, Instant updatedAt) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<UserSummary> users, String next, List<ExperimentView> experiments);

        static native TemplateInstance user(
                String userId,
                long total,
                String query,
                List<MemoryRow> memories,
                List<SessionRow> sessions,
                List<String> targets,
                String target,
                SwitchingCost meter,
                List<Chart> charts);

        static native TemplateInstance experiment(ExperimentView experiment, List<Chart> charts);
    }

    /** A chart for the page: its element id and its spec as JSON, for the data-chart attribute. */
    public record Chart(String id, String json) {}

    private final UserDirectory users;
    private final MemoryQueryService memories;
    private final MemorySearchService search;
    private final ChatStore chats;
    private final SwitchingCostService meter;
    private final ProviderRegistry providers;
    private final Destinations destinations;
    private final ExperimentService experiments;
    private final ObjectMapper mapper;
    private final CallerContext caller;

    public DashboardResource(
            UserDirectory users,
            MemoryQueryService memories,
            MemorySearchService search,
            ChatStore chats,
            SwitchingCostService meter,
            ProviderRegistry providers,
            Destinations destinations,
            ExperimentService experiments,
            ObjectMapper mapper,
            CallerContext caller) {
        this.users = users;
        this.memories = memories;
        this.search = search;
        this.chats = chats;
        this.meter = meter;
        this.providers = providers;
        this.destinations = destinations;
        this.experiments = experiments;
        this.mapper = mapper;
        this.caller = caller;
    }

    @GET
    public TemplateInstance index(@QueryParam("after") String after) {
        String tenant = admin().tenantId();
        List<UserSummary> page = memories.users(tenant, after, ROWS + 1);
        String next = page.size() > ROWS ? page.get(ROWS - 1).userId() : null;
        return Templates.index(page.subList(0, Math.min(ROWS, page.size())), next, experiments.recent(tenant, 20));
    }

    @GET
    @Path("users/{userId}")
    public TemplateInstance user(
            @PathParam("userId") String userId, @QueryParam("q") String query, @QueryParam("target") String target) {
        Owner owner = owner(userId);
        if (!users.exists(owner)) {
            throw ProblemException.notFound("no user '" + userId + "'");
        }
        long total = memories.stats(owner).total();
        String q = query == null || query.isBlank() ? null : query.strip();
        List<MemoryRow> rows = q == null
                ? memories.list(owner, ROWS, null).items().stream()
                        .map(m -> MemoryRow.of(m, null))
                        .toList()
                : search.search(owner, new SearchRequest(q, ROWS)).hits().stream()
                        .map(h -> MemoryRow.of(h.memory(), h.score()))
                        .toList();
        List<SessionRow> sessions = chats.sessions(owner, ROWS).stream()
                .map(s -> new SessionRow(s.id, s.createdAt, s.updatedAt))
                .toList();
        // the destinations first, then the providers as destinations (docs/SWITCHING-COST.md)
        List<String> targets = new ArrayList<>();
        destinations.configured().forEach(d -> targets.add(d.name()));
        providers.all().stream()
                .map(ProviderRegistry.Provider::name)
                .filter(p -> !targets.contains(p))
                .forEach(targets::add);
        String chosen = target == null || target.isBlank() ? providers.defaultProvider() : target;
        Optional<SwitchingCost> cost = total == 0 ? Optional.empty() : meter.measure(owner, chosen, 10, null);
        return Templates.user(
                userId,
                total,
                q,
                rows,
                sessions,
                targets,
                chosen,
                cost.orElse(null),
                cost.map(c -> charts(DashboardCharts.meter(c))).orElse(List.of()));
    }

    @GET
    @Path("experiments/{id}")
    public TemplateInstance experiment(@PathParam("id") String id) {
        String tenant = admin().tenantId();
        ExperimentView view = (id.matches("[0-9a-f-]{36}")
                        ? experiments.find(tenant, id)
                        : Optional.<ExperimentView>empty())
                .orElseThrow(() -> ProblemException.notFound("no experiment '" + id + "'"));
        return Templates.experiment(
                view, view.report() == null ? List.of() : charts(DashboardCharts.experiment(view.report())));
    }

    /** The dashboard is an admin's view of their tenant. */
    private Caller admin() {
        Caller c = caller.get();
        c.requireAdmin();
        return c;
    }

    private Owner owner(String userId) {
        try {
            return admin().owner(userId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no user '" + userId + "'");
        }
    }

    private List<Chart> charts(List<ChartSpec> specs) {
        return specs.stream().map(s -> new Chart(s.id(), json(s))).toList();
    }

    private String json(ChartSpec spec) {
        try {
            return mapper.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write chart " + spec.id(), e);
        }
    }
}
