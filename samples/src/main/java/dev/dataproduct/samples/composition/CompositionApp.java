package dev.dataproduct.samples.composition;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.compose.MeshOutcome;
import dev.dataproduct.core.compose.Mesh;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.samples.purchases.HistoricalPurchases;
import dev.dataproduct.samples.purchases.HistoricalPurchasesApp;
import dev.dataproduct.samples.purchases.OrdersCsv;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A small mesh: Historical Purchases and Customer Spend, which reads it through a product input.
 * The host runs them in dependency order (whatever order they are added in), prints the order and
 * the interaction map, what each run did and which upstream snapshot Customer Spend read; then
 * shows the guarantee rule refusing a Customer Spend that promises an hourly freshness over
 * purchases refreshed daily.
 */
public final class CompositionApp {
    private CompositionApp() {
    }

    /**
     * @param args optionally, the working directory (default {@code target/composition})
     * @throws IOException if the orders cannot be written
     */
    public static void main(String[] args) throws IOException {
        run(Path.of(args.length > 0 ? args[0] : "target/composition").toAbsolutePath(), System.out);
    }

    /**
     * Runs the mesh in a working directory.
     *
     * @param work where the orders, snapshots and so on are written
     * @param out where the report is printed
     * @return the outcome of each product, in run order
     * @throws IOException if the orders cannot be written
     */
    public static List<MeshOutcome> run(Path work, PrintStream out) throws IOException {
        Path orders = work.resolve("orders.csv");
        OrdersCsv.write(orders, HistoricalPurchasesApp.ORDERS, HistoricalPurchasesApp.SEED, HistoricalPurchasesApp.NOW);
        DataContract contract = HistoricalPurchases.contract(HistoricalPurchases.CONTRACT);
        DataProduct purchases = HistoricalPurchases.withAccess(contract, orders);
        DataProduct spend = CustomerSpend.define(Duration.ofHours(48));
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(work.resolve("snapshots")))
                     .clock(Clock.fixed(HistoricalPurchasesApp.NOW, ZoneOffset.UTC)).build();
             ProductHost host = ProductHost.builder(runtime, allocator).product(spend).product(purchases).build()) {
            out.println("Mesh of " + host.products().size() + " products (interaction map):");
            out.print(host.mesh().interactionMap());
            out.println();
            List<MeshOutcome> outcomes = host.runMesh();
            out.println("Runs, in dependency order:");
            outcomes.forEach(o -> out.println("  " + o));
            SnapshotManifest read = runtime.store().current(spend.address()).orElseThrow();
            read.upstreamSnapshots().forEach(u -> out.println("  " + spend.address() + " read " + u.productAddress()
                    + " dataset '" + u.dataset() + "' snapshot " + u.snapshotId() + " (contract version "
                    + u.contractVersion() + ")"));
            out.println();
            out.println("A customer spend promising a freshness of one hour over purchases refreshed daily:");
            try {
                Mesh.of(List.of(purchases, CustomerSpend.define(Duration.ofHours(1))));
                out.println("  accepted");
            } catch (InvalidDefinitionException e) {
                e.problems().forEach(p -> out.println("  refused: " + p));
            }
            return outcomes;
        }
    }
}
