package dev.dataproduct.ports.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.SortKey;
import dev.dataproduct.testkit.conformance.AccessCases;
import dev.dataproduct.testkit.conformance.ConformanceReport;
import dev.dataproduct.testkit.conformance.PortConformance;
import dev.dataproduct.testkit.conformance.PortRead;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For generated policies, principals and requests, the Flight SQL port (over its default SQL
 * sessions) returns exactly what the read path returns: the same denials, the same refusals of
 * hidden or unknown columns, the same rows and (masked) values; and no session leaves memory or a
 * snapshot pin behind. A request is read by a Flight SQL client, as Arrow, in the SQL that asks the
 * same.
 */
class FlightSqlConformanceTest {
    static final int POLICIES = 5;
    static final int PRINCIPALS = 6;
    static final int REQUESTS = 30;
    static final AccessCases CASES = AccessCases.over("students", School.COLUMNS).key("id").masked("email")
            .roles("counselor", "admin", "auditor", "nurse")
            .rows(r -> Expr.col("school").eq(Expr.principal("school")), r -> Expr.col("grade").gt(r.nextInt(12)))
            .attribute("school", "A", "B", "C");

    /** A filter of a request and the SQL condition that says the same. */
    record Condition(Expr expr, String sql) {
    }

    @TempDir
    Path root;

    @Test
    void flightSqlReturnsWhatTheReadPathReturns() throws Exception {
        long seed = Long.getLong("conformance.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        int reads = 0;
        for (int p = 0; p < POLICIES; p++) {
            Policy policy = CASES.policy(random);
            try (School school = new School(root.resolve("p" + p), 40, policy);
                 BufferAllocator clientMemory = new RootAllocator();
                 FlightClient client = FlightClient.builder(clientMemory,
                         Location.forGrpcInsecure("127.0.0.1", school.flight.boundPort())).build();
                 FlightSqlClient sql = new FlightSqlClient(client)) {
                List<Principal> principals = new ArrayList<>();
                for (int i = 0; i < PRINCIPALS; i++) {
                    principals.add(CASES.principal(random, "user" + i));
                }
                Map<ReadRequest, String> queries = new HashMap<>();
                List<ReadRequest> requests = new ArrayList<>();
                for (int r = 0; r < REQUESTS; r++) {
                    requests.add(request(random, queries));
                }
                ConformanceReport report = PortConformance.against(school.host.products().get(0).reader())
                        .principals(principals.toArray(Principal[]::new))
                        .requests(requests.toArray(ReadRequest[]::new))
                        .check(port(school, sql, queries));
                assertTrue(report.mismatches().isEmpty(), "seed " + seed + ", policy " + policy + ": "
                        + report.mismatches());
                reads += report.reads();
                school.host.close();
                assertEquals(Set.of(), school.store.pinned(school.product.address()),
                        "seed " + seed + ": a session left its snapshot pinned");
            }
        }
        System.out.println("Flight SQL conformance: " + reads + " reads (" + POLICIES + " policies x " + PRINCIPALS
                + " principals x " + REQUESTS + " requests), seed " + seed);
        assertEquals(POLICIES * PRINCIPALS * REQUESTS, reads);
    }

    /** Each principal reads with its own bearer token, so with its own session on the server. */
    static PortRead port(School school, FlightSqlClient sql, Map<ReadRequest, String> queries) {
        return (principal, request) -> {
            CredentialCallOption auth = new CredentialCallOption(new BearerCredentialWriter(school.token(principal)));
            List<Map<String, Object>> rows = new ArrayList<>();
            try {
                FlightInfo info = sql.execute(queries.get(request), auth);
                try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(), auth)) {
                    while (stream.next()) {
                        rows.addAll(PortConformance.rowsOf(stream.getRoot()));
                    }
                }
            } catch (FlightRuntimeException e) {
                if (e.status().code() == FlightStatusCode.UNAUTHORIZED) {
                    throw new AccessDeniedException("denied over Flight SQL");
                }
                if (e.status().code() == FlightStatusCode.INVALID_ARGUMENT && e.getMessage().contains("Binder Error")) {
                    throw new InvalidRequestException(e.getMessage());
                }
                throw e;
            }
            return rows;
        };
    }

    /** Makes one request and adds the SQL statement that asks the same. */
    static ReadRequest request(SplittableRandom random, Map<ReadRequest, String> queries) {
        ReadRequest.Builder b = ReadRequest.of("students").via(FlightSqlPort.DEFAULT_NAME);
        List<String> columns = new ArrayList<>();
        for (String c : School.COLUMNS) {
            if (random.nextInt(4) == 0) {
                columns.add(c);
            }
        }
        if (random.nextInt(15) == 0) {
            columns.add("nonexistent");
        }
        if (!columns.isEmpty()) {
            b.columns(columns.toArray(String[]::new));
        }
        String school = List.of("A", "B", "C").get(random.nextInt(3));
        int grade = random.nextInt(13);
        List<Condition> offered = List.of(
                new Condition(Expr.col("school").eq(school), "school = '" + school + "'"),
                new Condition(Expr.col("grade").le((long) grade), "grade <= " + grade),
                new Condition(Expr.col("grade").isNull(), "grade IS NULL"),
                new Condition(Expr.col("email").isNull().not(), "NOT (email IS NULL)"),
                new Condition(Expr.col("active").eq(true).not(), "NOT (active = true)"));
        List<Condition> chosen = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            chosen.add(offered.get(random.nextInt(offered.size())));
        }
        if (!chosen.isEmpty()) {
            b.where(chosen.size() == 1 ? chosen.get(0).expr()
                    : Expr.allOf(chosen.stream().map(Condition::expr).toArray(Expr[]::new)));
        }
        boolean ordered = random.nextBoolean();
        boolean descending = random.nextBoolean();
        if (ordered) {
            // ids are unique: an order with ties could be broken differently by two correct ports
            b.orderBy(descending ? SortKey.desc("id") : SortKey.asc("id"));
        }
        int limit = random.nextInt(3) == 0 ? random.nextInt(25) : -1;
        if (limit >= 0) {
            b.limit(limit);
        }
        ReadRequest request = b.build();
        queries.put(request, "SELECT " + (columns.isEmpty() ? "*" : String.join(", ", columns)) + " FROM students"
                + (chosen.isEmpty() ? "" : " WHERE " + String.join(" AND ", chosen.stream().map(Condition::sql).toList()))
                + (ordered ? " ORDER BY id" + (descending ? " DESC" : "") : "")
                + (limit >= 0 ? " LIMIT " + limit : ""));
        return request;
    }
}
