package dev.dataproduct.ports.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.SortKey;
import dev.dataproduct.testkit.conformance.AccessCases;
import dev.dataproduct.testkit.conformance.ConformanceReport;
import dev.dataproduct.testkit.conformance.PortConformance;
import dev.dataproduct.testkit.conformance.PortRead;
import dev.dataproduct.testkit.fixture.StudentRequests;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * For generated policies, principals and requests, the REST port returns exactly what the read path
 * returns, in JSON, CSV and Arrow, and no read leaves memory or a snapshot pin behind.
 */
class RestConformanceTest {
    static final List<String> COLUMNS = List.of("id", "email", "school", "grade", "score", "active", "born",
            "updated");
    static final AccessCases CASES = AccessCases.over("students", COLUMNS).key("id").masked("email")
            .roles("counselor", "admin", "auditor", "nurse")
            .rows(r -> Expr.col("school").eq(Expr.principal("school")), r -> Expr.col("grade").gt(r.nextInt(12)))
            .attribute("school", "A", "B", "C");

    @Test
    void everyFormatReturnsWhatTheReadPathReturns() {
        long seed = Long.getLong("conformance.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        int reads = 0;
        for (int p = 0; p < 2; p++) {
            Policy policy = policy(random);
            try (Directory dir = new Directory(60, policy, RestPort.builder().pageSize(25, 1000), 60, 64)) {
                List<Principal> principals = new ArrayList<>();
                Map<String, String> tokens = new HashMap<>();
                for (int i = 0; i < 6; i++) {
                    Principal who = principal(random, i);
                    principals.add(who);
                    tokens.put(who.id(), Jwts.hs256(Directory.JWT_KEY, claims(who)));
                }
                Map<ReadRequest, String> queries = new HashMap<>();
                List<ReadRequest> requests = new ArrayList<>();
                for (int r = 0; r < 56; r++) {
                    request(random, queries, requests);
                }
                PortConformance check = PortConformance.against(dir.host.product(dir.product.address())
                        .orElseThrow().reader()).principals(principals.toArray(Principal[]::new))
                        .requests(requests.toArray(ReadRequest[]::new));
                for (RowFormat format : RowFormat.values()) {
                    ConformanceReport report = check.check(port(dir, format, tokens, queries));
                    assertTrue(report.mismatches().isEmpty(), "seed " + seed + ", policy " + policy + ", "
                            + format + ": " + report.mismatches());
                    reads += report.reads();
                }
                assertEquals(java.util.Set.of(), dir.store.pinned(dir.product.address()),
                        "seed " + seed + ": a read left its snapshot pinned");
            }
        }
        assertTrue(reads >= 2000, "reads " + reads);
    }

    static Map<String, Object> claims(Principal who) {
        Map<String, Object> c = new HashMap<>();
        c.put("sub", who.id());
        c.put("roles", List.copyOf(who.roles()));
        c.put("exp", Instant.now().getEpochSecond() + 3600);
        who.attributes().forEach(c::put);
        return c;
    }

    static Policy policy(SplittableRandom random) {
        return CASES.policy(random);
    }

    static Principal principal(SplittableRandom random, int i) {
        return CASES.principal(random, "user" + i);
    }

    /** Adds one request and the query string that asks the same. */
    static void request(SplittableRandom random, Map<ReadRequest, String> queries, List<ReadRequest> requests) {
        ReadRequest.Builder b = ReadRequest.of("students").via("rest");
        List<String> q = new ArrayList<>();
        List<String> cols = StudentRequests.columns(random, COLUMNS);
        if (!cols.isEmpty()) {
            b.columns(cols.toArray(String[]::new));
            q.add("select=" + String.join(",", cols));
        }
        List<StudentRequests.Filter> filters = StudentRequests.filters(random, new StudentRequests.Filter(
                Expr.col("id").matches(RowQuery.likePattern("s1*")), "id=like.s1*", null));
        StudentRequests.where(filters).ifPresent(b::where);
        filters.forEach(f -> q.add(f.query()));
        if (random.nextBoolean()) {
            boolean desc = random.nextBoolean();
            String col = random.nextBoolean() ? "id" : "grade";
            b.orderBy(desc ? SortKey.desc(col) : SortKey.asc(col));
            q.add("order=" + col + (desc ? ".desc" : ".asc"));
        }
        if (random.nextInt(3) == 0) {
            int limit = random.nextInt(30);
            b.limit(limit);
            q.add("limit=" + limit);
        }
        ReadRequest request = b.build();
        requests.add(request);
        queries.put(request, String.join("&", q));
    }

    static PortRead port(Directory dir, RowFormat format, Map<String, String> tokens,
                         Map<ReadRequest, String> queries) {
        return (principal, request) -> {
            String query = queries.get(request);
            String next = RestPortTest.ROWS + (query.isEmpty() ? "" : "?" + query);
            List<Map<String, Object>> rows = new ArrayList<>();
            while (next != null) {
                HttpResponse<byte[]> r = Http.get(dir.rest.baseUri(), next, tokens.get(principal.id()), "Accept",
                        format.mediaType);
                switch (r.statusCode()) {
                    case 200 -> { }
                    case 403 -> throw new AccessDeniedException("denied");
                    case 400 -> throw new InvalidRequestException(Http.text(r));
                    case 404 -> throw new DataProductException(Http.text(r));
                    default -> throw new IllegalStateException(r.statusCode() + " " + Http.text(r));
                }
                rows.addAll(switch (format) {
                    case JSON -> Formats.jsonRows(r.body(), Directory.schema());
                    case CSV -> Formats.csvRows(r.body(), Directory.schema());
                    case ARROW -> Formats.arrowRows(r.body(), dir.allocator);
                });
                // a request with its own limit is one page; without one, the port pages and the client follows
                next = request.limit().isPresent() ? null : RestPortTest.nextLink(r).orElse(null);
            }
            return rows;
        };
    }
}
