package dev.dataproduct.samples.serve;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.quality.history.DirectoryMetricsHistory;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.slo.DirectorySliHistory;
import dev.dataproduct.core.slo.ServiceLevels;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.api.access.Authenticator;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.ports.flightsql.FlightSqlPort;
import dev.dataproduct.ports.http.RestPort;
import dev.dataproduct.ports.http.StaticTokens;
import dev.dataproduct.ports.http.page.Pages;
import dev.dataproduct.samples.purchases.HistoricalPurchases;
import dev.dataproduct.samples.purchases.HistoricalPurchasesApp;
import dev.dataproduct.samples.purchases.OrdersCsv;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Builds the sample products and serves them over REST and Flight SQL until stopped: prints the base
 * URL, the Flight SQL JDBC URL and one fresh demo token per sample principal, good on both. The catalog ({@code /}) and the data sheets are
 * served to browsers too: a request without a token is read as a visitor with no role, who sees the
 * pages and no rows.
 *
 * <p>Run it with {@code mvn -q -pl samples -am compile exec:exec -Dsample.mode=serve}; add
 * {@code -Dsample.port=9090} for another REST port, {@code -Dsample.flightPort=31338} for another
 * Flight SQL port.
 */
public final class SampleServer {
    /** Whom a request without credentials is read as: no role, so it sees pages but no rows. */
    static final Principal VISITOR = Principal.of("visitor");

    private SampleServer() {
    }

    /** A running sample server: its host and the demo tokens it printed. */
    record Running(ProductHost host, RestPort rest, FlightSqlPort flight, Map<String, String> tokens,
                   ProductRuntime runtime, BufferAllocator allocator) implements AutoCloseable {
        @Override
        public void close() {
            try {
                host.close();
            } finally {
                try {
                    runtime.close();
                } finally {
                    allocator.close();
                }
            }
        }
    }

    /**
     * Builds, runs and starts serving the sample products.
     *
     * @param work the working directory
     * @param port the REST port on 127.0.0.1, 0 for a free one
     * @param flightPort the Flight SQL port on 127.0.0.1, 0 for a free one
     * @param out where to print the base URL, the JDBC URL and the tokens
     * @return the running server; close it to stop
     * @throws IOException if the sample's orders cannot be written
     */
    static Running start(Path work, int port, int flightPort, PrintStream out) throws IOException {
        Path orders = work.resolve("orders.csv");
        OrdersCsv.write(orders, HistoricalPurchasesApp.ORDERS, HistoricalPurchasesApp.SEED, HistoricalPurchasesApp.NOW);
        DataContract contract = HistoricalPurchases.contract(HistoricalPurchases.CONTRACT);
        DataProduct purchases = HistoricalPurchases.withAccess(contract, orders);
        Map<String, Principal> principals = new LinkedHashMap<>();
        principals.put("analyst", Principal.of("ana", "analyst"));
        principals.put("store-manager", Principal.of("sam", "store-manager"));
        principals.put("privacy-officer", Principal.of("pia", "privacy-officer"));
        principals.put("no-role", Principal.of("nora"));
        SecureRandom random = new SecureRandom();
        StaticTokens.Builder table = StaticTokens.builder();
        Map<String, String> tokens = new LinkedHashMap<>();
        principals.forEach((name, p) -> {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            String token = name + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            table.token(token, p);
            tokens.put(name, token);
        });
        BufferAllocator allocator = new RootAllocator();
        Clock clock = Clock.fixed(HistoricalPurchasesApp.NOW, ZoneOffset.UTC);
        DirectorySliHistory sli = DirectorySliHistory.at(work.resolve("serve-service-levels"));
        ServiceLevels levels = ServiceLevels.builder().history(sli).clock(clock).build();
        DirectoryMetricsHistory quality = DirectoryMetricsHistory.at(work.resolve("serve-quality-history"));
        ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                .store(DirectorySnapshotStore.at(work.resolve("serve-snapshots")))
                .clock(clock)
                .observer(levels)
                .history(quality)
                .build();
        StaticTokens known = table.build();
        // a browser sends no token: it is let in as a visitor with no role, whom every policy denies rows
        Authenticator authenticator = headers -> headers.containsKey("authorization") ? known.authenticate(headers)
                : Optional.of(VISITOR);
        RestPort rest = RestPort.builder().port(port).authenticator(authenticator)
                .pages(Pages.builder().serviceLevels(levels, sli).qualityHistory(quality).clock(clock).build())
                .build();
        // a SQL client always logs in: no visitor over Flight SQL; sessions are the SQL module's locked ones
        FlightSqlPort flight = FlightSqlPort.builder().authenticator(known).port(flightPort)
                .sql(s -> s.workDirectory(work.resolve("serve-sql-sessions")))
                .build();
        ProductHost host = ProductHost.builder(runtime, allocator).product(purchases).serve(rest, flight)
                .meterRegistry(new SimpleMeterRegistry()).build();
        Running running = new Running(host, rest, flight, tokens, runtime, allocator);
        try {
            host.runAll();
            host.start();
        } catch (PortException e) {
            running.close();
            // the port's own words say which address is taken; a sample user also needs the property to move it
            throw new PortException(e.getMessage() + "; the sample serves REST on another port with -Dsample.port=9090"
                    + " and Flight SQL with -Dsample.flightPort=31338", e);
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
        out.println("Serving " + host.products().size() + " product(s) at " + rest.baseUri());
        out.println("  products:  " + rest.baseUri() + "/products");
        out.println("  catalog:   " + rest.baseUri() + "/ (HTML, open in a browser; JSON search at /catalog?q=...)");
        out.println("  data sheet: " + rest.baseUri() + "/products/" + purchases.address().domain() + "/"
                + purchases.address().name() + "/v" + purchases.address().major() + " (as text/html)");
        out.println("  Flight SQL: " + flight.jdbcUrl() + " (DBeaver, JDBC: the token as property 'token',"
                + " or any user name with the token as password)");
        out.println("Demo tokens (send as 'Authorization: Bearer <token>'; the same work over Flight SQL):");
        tokens.forEach((name, token) -> out.println("  " + name + ": " + token));
        out.println("Stop with Ctrl-C.");
        return running;
    }

    /**
     * @param value the port as given on the command line, blank for the default
     * @param property the Maven property it came from, for the message
     * @param fallback the port when none is given
     * @return the port
     * @throws IllegalArgumentException naming the property, if the value is not a TCP port
     */
    static int port(String value, String property, int fallback) {
        if (value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below, with the property that carried it
        }
        throw new IllegalArgumentException("-D" + property + "=" + value + " is not a TCP port; give 0 to 65535 "
                + "(0 takes any free port), as in -D" + property + "=" + (fallback + 1));
    }

    /**
     * @param args the working directory, then the REST port (default 8080), then the Flight SQL port
     *     (default 31337)
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 && !args[0].isBlank() ? args[0] : "target/historical-purchases")
                .toAbsolutePath();
        Running running;
        try {
            int port = port(args.length > 1 ? args[1] : "", "sample.port", 8080);
            int flightPort = port(args.length > 2 ? args[2] : "", "sample.flightPort", 31337);
            running = start(work, port, flightPort, System.out);
        } catch (PortException | IllegalArgumentException e) {
            // what a new user needs is the sentence, not the stack
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "sample-server-stop"));
        stopped.await();
    }
}
