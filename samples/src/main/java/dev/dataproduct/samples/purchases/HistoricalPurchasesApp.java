package dev.dataproduct.samples.purchases;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.IncompatibleChangeException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.compat.CompatibilityChecker;
import dev.dataproduct.core.compat.ReleaseNotes;
import dev.dataproduct.core.descriptor.DescriptorCodec;
import dev.dataproduct.core.lineage.FileLineageTransport;
import dev.dataproduct.core.lineage.OpenLineageEmitter;
import dev.dataproduct.core.quality.history.DirectoryMetricsHistory;
import dev.dataproduct.core.registry.ContractRegistry;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.slo.DirectorySliHistory;
import dev.dataproduct.core.slo.OpenSlo;
import dev.dataproduct.core.slo.ServiceLevels;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.ports.arrow.ArrowFileOutput;
import dev.dataproduct.samples.composition.CompositionApp;
import dev.dataproduct.samples.mesh.SeedMesh;
import dev.dataproduct.ports.http.page.DataSheetPort;
import dev.dataproduct.ports.http.page.Pages;
import dev.dataproduct.ports.http.page.StaticSite;
import dev.dataproduct.samples.serve.SampleServer;
import dev.dataproduct.ports.csv.CsvFileOutput;
import dev.dataproduct.samples.students.StudentDirectoryApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Builds the Historical Purchases product end to end: writes a deterministic CSV of orders with
 * some bad rows, defines the product from its ODCS contract plus a transform, runs it, and prints
 * its address, what happened to every row, where the snapshot lies, where its OpenLineage events,
 * service level history and OpenSLO objectives are written (beside the snapshots) and the product's
 * descriptor; then proposes the next contract version, whose breaking change the version policy
 * refuses, and prints the release notes. Then it runs the K-12 students sample
 * ({@link StudentDirectoryApp}), writes the catalog of all three products with a data sheet each as a
 * folder of static HTML ({@code site/index.html}), printing where it is, and runs the composition
 * sample ({@link CompositionApp}: a mesh of this product and one built from it, with its run order
 * and interaction map), the feature sample (the K-12 early-support signals) and last the seed mesh
 * ({@link SeedMesh}: every retail and K-12 sample
 * product, run in dependency order, with its interaction map and a line per product).
 *
 * <p>Run it with {@code mvn -q -pl samples -am compile exec:exec}; the optional argument is the
 * working directory (default {@code target/historical-purchases}). With
 * {@code -Dsample.mode=serve} (second argument {@code serve}, third the REST port, fourth the Flight
 * SQL port) it serves the sample products over REST and Flight SQL instead, until stopped: see
 * {@link SampleServer}.
 */
public final class HistoricalPurchasesApp {
    /** The number of order lines the sample generates. */
    public static final int ORDERS = 3000;
    /** The seed of the generated orders. */
    public static final long SEED = 20261121L;
    /** The sample's "now": the newest order is from just before it, and the runtime's clock is fixed to it. */
    public static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    /** Whom the static data sheets are written for: their sample rows are what this principal may see. */
    public static final Principal SITE_VIEWER = new Principal("catalog-reader", Set.of("analyst",
            "district_office"), Map.of());

    private HistoricalPurchasesApp() {
    }

    /**
     * @param args optionally, the working directory; then {@code run} (the default) or {@code serve};
     *     then the REST port and the Flight SQL port to serve on
     * @throws Exception if the orders cannot be written or the server cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[1].equals("serve")) {
            SampleServer.main(new String[] {args[0], args.length > 2 ? args[2] : "", args.length > 3 ? args[3] : ""});
            return;
        }
        Path work = Path.of(args.length > 0 ? args[0] : "target/historical-purchases").toAbsolutePath();
        Path orders = work.resolve("orders.csv");
        OrdersCsv.write(orders, ORDERS, SEED, NOW);

        DataContract contract = HistoricalPurchases.contract(HistoricalPurchases.CONTRACT);
        ContractRegistry contracts = ContractRegistry.builder().build();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        FileLineageTransport lineage = FileLineageTransport.at(work.resolve("lineage").resolve("events.jsonl"));
        DirectorySliHistory sli = DirectorySliHistory.at(work.resolve("service-levels"));
        ServiceLevels levels = ServiceLevels.builder().history(sli).clock(clock).build();
        DirectoryMetricsHistory qualityHistory = DirectoryMetricsHistory.at(work.resolve("quality-history"));
        DirectorySnapshotStore store = DirectorySnapshotStore.at(work.resolve("snapshots"));
        Pages pages = Pages.builder().serviceLevels(levels, sli).qualityHistory(qualityHistory).contracts(contracts)
                .clock(clock).build();
        try (BufferAllocator pageReads = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder()
                .store(store)
                .contracts(contracts)
                .history(qualityHistory)
                .clock(clock)
                .observer(OpenLineageEmitter.to(lineage, OpenLineageEmitter.PRODUCER, clock))
                .observer(levels)
                .build()) {
            // the catalog and data sheets as static HTML; the product's own sheet is rewritten after each commit
            StaticSite site = StaticSite.builder(work.resolve("site"), store, pageReads).pages(pages)
                    .viewer(SITE_VIEWER).build();
            // with its access policy: each delivery writes what its audience may read (analysts get every
            // row with e-mails masked, store managers the store channel without e-mails), and the data
            // sheet's sample shows what the site's viewer may see
            DataProduct purchases = HistoricalPurchases.withAccess(contract, orders,
                    ArrowFileOutput.at(work.resolve("served").resolve("analysts")).named("analyst-files")
                            .audience(Principal.of("analyst-files", "analyst")),
                    CsvFileOutput.at(work.resolve("served").resolve("stores")).named("store-sheets")
                            .audience(Principal.of("store-sheets", "store-manager")),
                    DataSheetPort.to(site));
            site.add(purchases);
            Path openSlo = work.resolve("service-levels").resolve("objectives.openslo.yaml");
            Files.createDirectories(openSlo.getParent());
            Files.writeString(openSlo, OpenSlo.yaml(purchases));
            RunResult result = runtime.run(purchases);
            site.ran(result);
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
            System.out.println();
            // the K-12 sample shows access control: one product seen by principals, counselors and the district office
            StudentDirectoryApp.run(work.resolve("student-directory"), System.out, site);
            Path index = site.writeAll();
            System.out.println();
            System.out.println("Catalog and data sheets (static HTML, open from disk; rows as " + SITE_VIEWER.id() + " "
                    + SITE_VIEWER.roles() + " may see them):");
            System.out.println("  " + index.toUri());
            System.out.println("  " + site.sheetFile(purchases.address()).toUri());
            System.out.println("Lineage events in " + lineage.file() + "; service level history in " + sli.file());
        }
        System.out.println();
        // composition: a derived product reading this one through a product input, run as a mesh
        CompositionApp.run(work.resolve("composition"), System.out);
        System.out.println();
        // a feature product: the K-12 early-support signals, offline (training set) and online (lookups)
        dev.dataproduct.samples.signals.SignalsApp.run(work.resolve("signals"), System.out);
        System.out.println();
        // the seed mesh: every retail and K-12 sample product in one host, in dependency order
        SeedMesh.run(work.resolve("mesh"), System.out);
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
