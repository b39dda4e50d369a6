package dev.dataproduct.ports.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.SnapshotSelector;
import dev.dataproduct.core.read.SortKey;
import dev.dataproduct.testkit.conformance.AccessCases;
import dev.dataproduct.testkit.conformance.ConformanceReport;
import dev.dataproduct.testkit.conformance.PortConformance;
import dev.dataproduct.testkit.conformance.PortRead;
import dev.dataproduct.testkit.fixture.StudentRequests;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For generated policies, principals and requests, a SQL session returns exactly what the read path
 * returns: the same denials, the same refusals of hidden or unknown columns, the same rows and
 * (masked) values; and no session leaves memory, a directory or a snapshot pin behind.
 */
class SqlConformanceTest {
    static final List<String> COLUMNS = List.of("id", "email", "school", "grade", "score", "active", "born",
            "updated", "fee", "seen", "tags", "home");
    static final AccessCases CASES = AccessCases.over("students", COLUMNS).key("id").masked("email")
            .nullified("fee").roles("counselor", "admin", "auditor", "nurse")
            .rows(r -> Expr.col("school").eq(Expr.principal("school")), r -> Expr.col("grade").gt(r.nextInt(12)))
            .attribute("school", "A", "B", "C");

    @TempDir
    Path root;

    @Test
    void sqlReturnsWhatTheReadPathReturns() throws Exception {
        long seed = Long.getLong("conformance.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        int reads = 0;
        for (int p = 0; p < 6; p++) {
            Policy policy = CASES.policy(random);
            try (Campus campus = new Campus(root.resolve("p" + p), 45, policy, SqlPort.builder(), false, 64)) {
                List<Principal> principals = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    principals.add(CASES.principal(random, "user" + i));
                }
                Map<ReadRequest, String> queries = new HashMap<>();
                List<ReadRequest> requests = new ArrayList<>();
                for (int r = 0; r < 60; r++) {
                    request(random, queries, requests);
                }
                Map<String, SqlSession> sessions = new HashMap<>();
                try {
                    ConformanceReport report = PortConformance.against(campus.host.products().get(0).reader())
                            .principals(principals.toArray(Principal[]::new))
                            .requests(requests.toArray(ReadRequest[]::new))
                            .check(port(campus, sessions, queries));
                    assertTrue(report.mismatches().isEmpty(), "seed " + seed + ", policy " + policy + ": "
                            + report.mismatches());
                    reads += report.reads();
                } finally {
                    sessions.values().forEach(s -> {
                        if (s != null) {
                            s.close();
                        }
                    });
                }
                assertEquals(Set.of(), campus.store.pinned(campus.product.address()),
                        "seed " + seed + ": a session left its snapshot pinned");
            }
        }
        assertTrue(reads >= 2000, "reads " + reads);
    }

    /** One session per principal, opened at its first read and reused by every request. */
    static PortRead port(Campus campus, Map<String, SqlSession> sessions, Map<ReadRequest, String> queries) {
        SqlSessions opener = campus.sql.sessions(campus.product.address()).orElseThrow();
        return (principal, request) -> {
            if (!sessions.containsKey(principal.id())) {
                try {
                    sessions.put(principal.id(), opener.open(principal, SnapshotSelector.current()));
                } catch (AccessDeniedException e) {
                    sessions.put(principal.id(), null);
                }
            }
            SqlSession session = sessions.get(principal.id());
            if (session == null || !session.tables().containsKey(request.dataset())) {
                throw new AccessDeniedException("no table " + request.dataset() + " in the session");
            }
            try {
                return Rows.viaArrow(session.connection(), queries.get(request), campus.allocator);
            } catch (SQLException e) {
                if (e.getMessage().contains("Binder Error")) {
                    throw new InvalidRequestException(e.getMessage());
                }
                throw e;
            }
        };
    }

    /** Adds one request and the SQL statement that asks the same. */
    static void request(SplittableRandom random, Map<ReadRequest, String> queries, List<ReadRequest> requests) {
        ReadRequest.Builder b = ReadRequest.of("students").via("sql");
        String select = "*";
        List<String> cols = StudentRequests.columns(random, COLUMNS);
        if (!cols.isEmpty()) {
            b.columns(cols.toArray(String[]::new));
            select = String.join(", ", cols);
        }
        List<StudentRequests.Filter> filters = StudentRequests.filters(random, new StudentRequests.Filter(
                Expr.col("email").isNull().not(), null, "NOT (email IS NULL)"));
        StudentRequests.where(filters).ifPresent(b::where);
        List<String> where = filters.stream().map(StudentRequests.Filter::sql).toList();
        String order = "";
        if (random.nextBoolean()) {
            // id is unique: an order with ties may be broken differently by two correct ports
            boolean desc = random.nextBoolean();
            b.orderBy(desc ? SortKey.desc("id") : SortKey.asc("id"));
            order = " ORDER BY id" + (desc ? " DESC" : "");
        }
        String limit = "";
        if (random.nextInt(3) == 0) {
            int l = random.nextInt(30);
            b.limit(l);
            limit = " LIMIT " + l;
        }
        ReadRequest request = b.build();
        requests.add(request);
        queries.put(request, "SELECT " + select + " FROM students" + (where.isEmpty() ? "" : " WHERE "
                + String.join(" AND ", where)) + order + limit);
    }
}
