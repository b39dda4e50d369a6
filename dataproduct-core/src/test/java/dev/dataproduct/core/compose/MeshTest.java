package dev.dataproduct.core.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.runtime.ProductRuntime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeshTest {
    static final Policy EVERYONE_IN_RETAIL = Policy.forDataset("orders")
            .grant(Grant.to(Audience.role("retail")).allColumns())
            .build();

    BufferAllocator allocator;
    ProductRuntime runtime;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        runtime = ProductRuntime.builder().allocator(allocator).build();
    }

    @AfterEach
    void tearDown() {
        runtime.close();
        allocator.close();
    }

    static List<String> names(List<DataProduct> products) {
        return products.stream().map(p -> p.metadata().name()).toList();
    }

    @Test
    void ordersProductsAfterWhatTheyReadAndIndependentOnesAsGiven() {
        DataProduct c = Orders.reading("c", "b").build();
        DataProduct d = Orders.standalone("d").build();
        DataProduct b = Orders.reading("b", "a").build();
        DataProduct a = Orders.standalone("a").build();
        DataProduct e = Orders.reading("e", "a", "d").build();

        Mesh mesh = Mesh.of(List.of(c, d, b, e, a));

        assertEquals(List.of("d", "a", "b", "c", "e"), names(mesh.order()));
        assertEquals(List.of("c", "d", "b", "e", "a"), names(mesh.products()));
    }

    @Test
    void refusesACycleNamingEveryProductInIt() {
        DataProduct a = Orders.reading("a", "c").build();
        DataProduct b = Orders.reading("b", "a").build();
        DataProduct c = Orders.reading("c", "b").build();
        DataProduct free = Orders.standalone("free").build();

        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> Mesh.of(List.of(free, a, b, c)));

        String p = "urn:dataproduct:retail:";
        assertEquals(List.of("products read each other in a cycle, so none of them can run first: " + p + "a:v1 reads "
                + p + "c:v1 reads " + p + "b:v1 reads " + p + "a:v1; break the cycle by removing one of these inputs"),
                e.problems());
    }

    @Test
    void refusesAProductReadingItself() {
        DataProduct self = Orders.reading("self", "self").build();

        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> Mesh.of(List.of(self)));

        assertTrue(e.getMessage().contains("retail:self:v1 reads urn:dataproduct:retail:self:v1;"), e.getMessage());
    }

    @Test
    void refusesAnInputOfAProductOrDatasetTheMeshDoesNotHold() {
        DataProduct a = Orders.standalone("a").build();
        DataProduct reader = Orders.reading("reader", "a", "missing").build();
        DataProduct wrongDataset = Orders.downstream("wrong", ProductInput.of("urn:dataproduct:retail:a", 1)
                .dataset("returns"), Orders.SPEC).build();

        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> Mesh.of(List.of(a, reader, wrongDataset)));

        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).endsWith("input 'missing' reads urn:dataproduct:retail:missing:v1, which the "
                + "mesh does not hold; add that product to the mesh"), e.getMessage());
        assertTrue(e.problems().get(1).contains("which has no dataset 'returns'; its datasets are [orders]"),
                e.getMessage());
    }

    @Test
    void hostRefusesACycleWhenBuilt() {
        DataProduct a = Orders.reading("a", "b").build();
        DataProduct b = Orders.reading("b", "a").build();

        assertThrows(InvalidDefinitionException.class,
                () -> ProductHost.builder(runtime, allocator).product(a).product(b).build());
    }

    @Test
    void skipsAProductWhoseInputFailedAndLeavesItOnItsPreviousSnapshot() {
        AtomicBoolean broken = new AtomicBoolean();
        DataProduct source = Orders.upstream("source", () -> {
            if (broken.get()) {
                throw new IllegalStateException("the source system is down");
            }
            return Orders.rows(0, 5);
        }, EVERYONE_IN_RETAIL).build();
        DataProduct derived = Orders.reading("derived", "source").principalRoles("retail").build();
        DataProduct other = Orders.standalone("other").build();
        try (ProductHost host = ProductHost.builder(runtime, allocator).product(derived).product(other)
                .product(source).build()) {
            List<MeshOutcome> first = host.runMesh();
            assertEquals(List.of(MeshOutcome.Status.COMMITTED, MeshOutcome.Status.COMMITTED,
                    MeshOutcome.Status.COMMITTED), first.stream().map(MeshOutcome::status).toList(), first::toString);

            broken.set(true);
            List<MeshOutcome> second = host.runMesh();

            assertEquals(List.of("other", "source", "derived"),
                    second.stream().map(o -> o.product().name()).toList());
            assertEquals(MeshOutcome.Status.COMMITTED, second.get(0).status());
            assertEquals(MeshOutcome.Status.FAILED, second.get(1).status());
            MeshOutcome skipped = second.get(2);
            assertEquals(MeshOutcome.Status.SKIPPED, skipped.status());
            assertTrue(skipped.reasons().get(0).startsWith("input 'source' failed: urn:dataproduct:retail:source:v1 "
                    + "failed: input port 'raw' of urn:dataproduct:retail:source:v1 failed to open"), skipped.reasons().toString());
            assertEquals("00000001", runtime.store().current(derived.address()).orElseThrow().id());
            assertEquals("00000001", host.product(derived.address()).orElseThrow().latestRun().orElseThrow()
                    .snapshot().id());
        }
    }

    @Test
    void interactionMapSaysWhichProductReadsWhich() {
        DataProduct a = Orders.standalone("a").build();
        DataProduct b = Orders.reading("b", "a").build();

        String map = Mesh.of(List.of(b, a)).interactionMap();

        String n = System.lineSeparator();
        assertEquals("run order: a -> b" + n
                + "urn:dataproduct:retail:a:v1" + n
                + "  read by urn:dataproduct:retail:b:v1 (dataset 'orders')" + n
                + "urn:dataproduct:retail:b:v1" + n
                + "  reads urn:dataproduct:retail:a:v1 dataset 'orders' as input 'a'" + n, map);
    }
}
