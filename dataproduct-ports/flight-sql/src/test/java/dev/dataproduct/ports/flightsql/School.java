package dev.dataproduct.ports.flightsql;

import dev.dataproduct.api.access.Authenticator;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.transform.TransformSpec;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotStore;
import dev.dataproduct.testkit.fixture.Students;
import dev.dataproduct.testkit.gen.DatasetGen;
import dev.dataproduct.testkit.port.RowsInput;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A test product (students of a school, in a store on disk) served by a host whose Flight SQL port
 * uses its default session databases, the SQL module's locked sessions; each principal gets a token
 * from {@link #token}. Closing it closes everything and fails on a memory leak.
 */
final class School implements AutoCloseable {
    static final List<String> COLUMNS = Students.COLUMNS;
    static final DatasetSpec STUDENTS = Students.dataset().build();
    static final Policy POLICY = Students.POLICY;
    static final Principal COUNSELOR = Students.COUNSELOR;
    static final Principal ADMIN = Students.ADMIN;
    static final Principal AUDITOR = Students.AUDITOR;
    static final Principal NOBODY = Students.NOBODY;

    final BufferAllocator allocator = new RootAllocator();
    final SnapshotStore store;
    final ProductRuntime runtime;
    final ProductHost host;
    final FlightSqlPort flight;
    final DataProduct product;
    final io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    private final Map<String, Principal> tokens = new ConcurrentHashMap<>();

    School(Path root, int rows, Policy policy) {
        store = DirectorySnapshotStore.at(root.resolve("store"));
        product = DataProduct.builder("school").domain("k12").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Who studies where.")
                .input(RowsInput.of("students", STUDENTS.schema(), rows(rows)).batchSize(16))
                .output(STUDENTS)
                .access(policy)
                .transform(TransformSpec.to("students").reading("students").returning(ctx -> ctx.input("students")))
                .build();
        runtime = ProductRuntime.builder().allocator(allocator).store(store).build();
        Authenticator auth = headers -> Authenticator.bearerToken(headers).flatMap(t -> Optional.ofNullable(tokens.get(t)));
        flight = FlightSqlPort.builder().authenticator(auth)
                .sql(s -> s.workDirectory(root.resolve("sessions")).memoryLimit("64MB").threads(1))
                .build();
        host = ProductHost.builder(runtime, allocator).product(product).serve(flight).meterRegistry(meters).build();
        host.run(product.address());
        host.start();
    }

    /** @return a bearer token that stands for the principal */
    String token(Principal principal) {
        String token = "token-" + principal.id() + "-0123456789";
        tokens.put(token, principal);
        return token;
    }

    /** @return a connection through the Flight SQL JDBC driver, as the principal */
    Connection connect(Principal principal) throws SQLException {
        Properties p = new Properties();
        p.setProperty("token", token(principal));
        return DriverManager.getConnection(flight.jdbcUrl(), p);
    }

    /** Rows the contract allows, with unique ids, the same for every run of a test. */
    static List<Map<String, Object>> rows(int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> generated : DatasetGen.of(STUDENTS).generate(n, new Random(20261201L)).rows()) {
            Map<String, Object> row = new HashMap<>(generated);
            // ASCII ids of one width sort alike in DuckDB and in Java, so ordered reads compare exactly
            row.put("id", String.format("s%04d", rows.size()));
            rows.add(row);
        }
        return rows;
    }

    @Override
    public void close() {
        Students.closeInOrder(host, runtime, allocator);
    }
}
