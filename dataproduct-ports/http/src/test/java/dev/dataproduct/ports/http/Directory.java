package dev.dataproduct.ports.http;

import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.testkit.fixture.Students;
import dev.dataproduct.testkit.port.RowsInput;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A test product (a school directory) served by a host with a REST port on a free loopback port;
 * closing it closes everything and fails on a memory leak.
 */
final class Directory implements AutoCloseable {
    static final DatasetSpec STUDENTS = Students.datedDataset().build();
    static final Policy POLICY = Students.POLICY;
    static final Principal COUNSELOR = Students.COUNSELOR;
    static final Principal ADMIN = Students.ADMIN;
    static final Principal NOBODY = Students.NOBODY;
    static final String COUNSELOR_TOKEN = "counselor-token-0123456789";
    static final String ADMIN_TOKEN = "admin-token-0123456789abc";
    static final String NOBODY_TOKEN = "nobody-token-0123456789ab";
    static final byte[] JWT_KEY = "a-test-key-of-thirty-two-bytes-or-more!!".getBytes();

    final BufferAllocator allocator = new RootAllocator();
    final InMemorySnapshotStore store = new InMemorySnapshotStore();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** The reads the port recorded for the availability indicator, as "urn port success". */
    final List<String> reads = new java.util.concurrent.CopyOnWriteArrayList<>();
    final ProductRuntime runtime;
    final ProductHost host;
    final RestPort rest;
    final DataProduct product;

    Directory(int rows, Policy policy, RestPort.Builder port) {
        this(rows, policy, port, 7, 5);
    }

    /**
     * @param inputBatch rows per batch as stored
     * @param readBatch rows per batch the read path hands the port
     */
    Directory(int rows, Policy policy, RestPort.Builder port, int inputBatch, int readBatch) {
        product = product(rows, policy, inputBatch);
        runtime = ProductRuntime.builder().allocator(allocator).store(store).build();
        StaticTokens tokens = StaticTokens.builder().token(COUNSELOR_TOKEN, COUNSELOR).token(ADMIN_TOKEN, ADMIN)
                .token(NOBODY_TOKEN, NOBODY).build();
        JwtVerifier jwt = JwtVerifier.hs256(JWT_KEY).build();
        rest = port.authenticator(h -> tokens.authenticate(h).or(() -> jwt.authenticate(h))).build();
        host = ProductHost.builder(runtime, allocator).product(product).serve(rest).meterRegistry(meters)
                .readRecorder((p, name, ok) -> reads.add(p.urn() + " " + name + " " + ok)).batchSize(readBatch).build();
        host.run(product.address());
        host.start();
    }

    Directory() {
        this(40, POLICY, RestPort.builder());
    }

    static DataProduct product(int rows, Policy policy, int inputBatch) {
        return DataProduct.builder("directory").domain("k12").version("1.2.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Who studies where.")
                .input(RowsInput.of("students", STUDENTS.schema(), rows(rows)).batchSize(inputBatch))
                .output(STUDENTS)
                .access(policy)
                .check(Check.completeness("grade").atLeast(0.5))
                .transform(ctx -> ctx.input("students"))
                .build();
    }

    static List<Map<String, Object>> rows(int n) {
        return Students.rows(n);
    }

    static Schema schema() {
        return STUDENTS.schema();
    }

    @Override
    public void close() {
        Students.closeInOrder(host, runtime, allocator);
    }
}
