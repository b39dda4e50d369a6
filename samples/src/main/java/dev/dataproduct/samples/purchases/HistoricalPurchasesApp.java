package dev.dataproduct.samples.purchases;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.descriptor.DescriptorCodec;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.ports.arrow.ArrowFileOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Builds the Historical Purchases product end to end: writes a deterministic CSV of orders with
 * some bad rows, runs the product, and prints its address, what happened to every row, where the
 * snapshot lies and the product's descriptor.
 *
 * <p>Run it with {@code mvn -q -pl samples -am compile exec:exec}; the optional argument is the
 * working directory (default {@code target/historical-purchases}).
 */
public final class HistoricalPurchasesApp {
    /** The number of order lines the sample generates. */
    public static final int ORDERS = 3000;
    /** The seed of the generated orders. */
    public static final long SEED = 20261121L;

    private HistoricalPurchasesApp() {
    }

    /**
     * @param args optionally, the working directory
     * @throws IOException if the orders cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path work = Path.of(args.length > 0 ? args[0] : "target/historical-purchases").toAbsolutePath();
        Path orders = work.resolve("orders.csv");
        OrdersCsv.write(orders, ORDERS, SEED, Instant.parse("2026-11-01T00:00:00Z"));

        DataProduct purchases = HistoricalPurchases.define(orders, ArrowFileOutput.at(work.resolve("served")));
        try (ProductRuntime runtime = ProductRuntime.builder()
                .store(DirectorySnapshotStore.at(work.resolve("snapshots")))
                .build()) {
            RunResult result = runtime.run(purchases);
            System.out.println("Data product " + purchases.address());
            System.out.println("  " + purchases.metadata().purpose());
            System.out.println("  orders read from " + orders);
            System.out.println();
            System.out.print(result.summary());
            System.out.println("  served as Arrow IPC files in " + work.resolve("served"));
            System.out.println();
            System.out.println("Descriptor (YAML):");
            System.out.print(DescriptorCodec.toYaml(purchases.describe()));
        }
    }
}
