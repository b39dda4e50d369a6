package dev.dataproduct.samples.purchases;

import dev.dataproduct.samples.serve.SampleServer;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.IncompatibleChangeException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.compat.CompatibilityChecker;
import dev.dataproduct.core.compat.ReleaseNotes;
import dev.dataproduct.core.descriptor.DescriptorCodec;
import dev.dataproduct.core.lineage.FileLineageTransport;
import dev.dataproduct.core.lineage.OpenLineageEmitter;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.quality.history.DirectoryMetricsHistory;
import dev.dataproduct.core.registry.ContractRegistry;
import dev.dataproduct.core.slo.DirectorySliHistory;
import dev.dataproduct.core.slo.OpenSlo;
import dev.dataproduct.core.slo.ServiceLevels;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.ports.arrow.ArrowFileOutput;
import dev.dataproduct.ports.csv.CsvFileOutput;
import dev.dataproduct.samples.students.StudentDirectoryApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Builds the Historical Purchases product end to end: writes a deterministic CSV of orders with
 * some bad rows, defines the product from its ODCS contract plus a transform, runs it, and prints
 * its address, what happened to every row, where the snapshot lies, where its OpenLineage events,
 * service level history and OpenSLO objectives are written (beside the snapshots) and the product's
 * descriptor; then proposes the next contract version, whose breaking change the version policy
 * refuses, and prints the release notes. Then it runs the K-12 students sample
 * ({@link StudentDirectoryApp}).
 *
 * <p>Run it with {@code mvn -q -pl samples -am compile exec:exec}; the optional argument is the
 * working directory (default {@code target/historical-purchases}). With
 * {@code -Dsample.mode=serve} (second argument {@code serve}, third the port) it serves the sample
 * products over REST instead, until stopped: see {@link SampleServer}.
 */
public final class HistoricalPurchasesApp {
    /** The number of order lines the sample generates. */
    public static final int ORDERS = 3000;
    /** The seed of the generated orders. */
    public static final long SEED = 20261121L;
    /** The sample's "now": the newest order is from just before it, and the runtime's clock is fixed to it. */
    public static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    private HistoricalPurchasesApp() {
    }

    /**
     * @param args optionally, the working directory; then {@code run} (the default) or {@code serve};
     *     then the port to serve on
     * @throws Exception if the orders cannot be written or the server cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[1].equals("serve")) {
            SampleServer.main(new String[] {args[0], args.length > 2 ? args[2] : ""});
            return;
        }
        Path work = Path.of(args.length > 0 ? args[0] : "target/historical-purchases").toAbsolutePath();
        Path orders = work.resolve("orders.csv");
        OrdersCsv.write(orders, ORDERS, SEED, NOW);

        DataContract contract = HistoricalPurchases.contract(HistoricalPurchases.CONTRACT);
        // each delivery writes what its audience may read: analysts get every row with e-mails masked,
        // store managers the store channel without e-mails
        DataProduct purchases = HistoricalPurchases.delivered(contract, orders,
                ArrowFileOutput.at(work.resolve("served").resolve("analysts")).named("analyst-files")
                        .audience(Principal.of("analyst-files", "analyst")),
                CsvFileOutput.at(work.resolve("served").resolve("stores")).named("store-sheets")
                        .audience(Principal.of("store-sheets", "store-manager")));
        ContractRegistry contracts = ContractRegistry.builder().build();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        FileLineageTransport lineage = FileLineageTransport.at(work.resolve("lineage").resolve("events.jsonl"));
        DirectorySliHistory sli = DirectorySliHistory.at(work.resolve("service-levels"));
        ServiceLevels levels = ServiceLevels.builder().history(sli).clock(clock).build();
        Path openSlo = work.resolve("service-levels").resolve("objectives.openslo.yaml");
        Files.createDirectories(openSlo.getParent());
        Files.writeString(openSlo, OpenSlo.yaml(purchases));
        try (ProductRuntime runtime = ProductRuntime.builder()
                .store(DirectorySnapshotStore.at(work.resolve("snapshots")))
                .contracts(contracts)
                .history(DirectoryMetricsHistory.at(work.resolve("quality-history")))
                .clock(clock)
                .observer(OpenLineageEmitter.to(lineage, OpenLineageEmitter.PRODUCER, clock))
                .observer(levels)
                .build()) {
            RunResult result = runtime.run(purchases);
            System.out.println("Data product " + purchases.address());
            System.out.println("  " + purchases.metadata().purpose());
            System.out.println("  orders read from " + orders);
            System.out.println();
            System.out.print(result.summary());
            System.out.println("  delivered for analysts as Arrow IPC files in " + work.resolve("served/analysts")
                    + ", for store managers as CSV in " + work.resolve("served/stores") + " (file CURRENT names the "
                    + "current set)");
            System.out.println("  lineage events (OpenLineage, JSON Lines) in " + lineage.file());
            System.out.println("  service level history in " + sli.file());
            System.out.println("  service level objectives (OpenSLO v1) in " + openSlo);
            System.out.println();
            System.out.println("Descriptor (YAML):");
            System.out.print(DescriptorCodec.toYaml(purchases.describe()));
            System.out.println();
            proposeNextContract(contracts, contract);
        }
        System.out.println();
        // the K-12 sample shows access control: one product seen by principals, counselors and the district office
        StudentDirectoryApp.run(work.resolveSibling("student-directory"), System.out);
    }

    /** Shows the version policy catching a breaking change proposed as a minor version. */
    private static void proposeNextContract(ContractRegistry contracts, DataContract current) {
        DataContract proposed = HistoricalPurchases.contract(HistoricalPurchases.PROPOSED_CONTRACT);
        System.out.println("Proposed contract version " + proposed.version() + " (from "
                + HistoricalPurchases.PROPOSED_CONTRACT + "):");
        try {
            contracts.publish(proposed);
            System.out.println("  published");
        } catch (IncompatibleChangeException e) {
            System.out.println("  refused: " + e.getMessage().replace(System.lineSeparator(), System.lineSeparator() + "  "));
        }
        System.out.println();
        System.out.print(ReleaseNotes.markdown(current, proposed,
                CompatibilityChecker.check(current, proposed, contracts.mode())));
    }
}
