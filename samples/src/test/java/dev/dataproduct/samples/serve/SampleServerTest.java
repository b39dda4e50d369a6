package dev.dataproduct.samples.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleServerTest {

    @Test
    void servesTheSampleWithOneWorkingTokenPerPrincipal(@TempDir Path work) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (SampleServer.Running running = start(work, printed)) {
            String text = printed.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("Serving 1 product(s) at " + running.rest().baseUri()), text);
            running.tokens().values().forEach(t -> assertTrue(text.contains(t), "printed token"));
            HttpClient client = HttpClient.newHttpClient();
            String rows = "/products/retail/historical-purchases/v1/datasets/purchases?limit=50&select=channel,email";
            HttpResponse<String> analyst = client.send(HttpRequest.newBuilder(running.rest().baseUri().resolve(rows))
                    .header("Authorization", "Bearer " + running.tokens().get("analyst")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, analyst.statusCode(), analyst.body());
            assertTrue(analyst.body().contains("***@"), "analysts see masked e-mail addresses: " + analyst.body());
            HttpResponse<String> manager = client.send(HttpRequest.newBuilder(running.rest().baseUri()
                    .resolve("/products/retail/historical-purchases/v1/datasets/purchases?limit=50&select=channel"))
                    .header("Authorization", "Bearer " + running.tokens().get("store-manager")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, manager.statusCode(), manager.body());
            assertFalse(manager.body().contains("web") || manager.body().contains("app"), manager.body());
            HttpResponse<String> none = client.send(HttpRequest.newBuilder(running.rest().baseUri().resolve(rows))
                    .header("Authorization", "Bearer " + running.tokens().get("no-role")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, none.statusCode());
            HttpResponse<String> catalog = client.send(HttpRequest.newBuilder(running.rest().baseUri().resolve("/"))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, catalog.statusCode(), "a browser opens the catalog without a token");
            assertTrue(catalog.body().contains("href=\"/products/retail/historical-purchases/v1\""), catalog.body());
            HttpResponse<String> sheet = client.send(HttpRequest.newBuilder(running.rest().baseUri()
                    .resolve("/products/retail/historical-purchases/v1")).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, sheet.statusCode());
            assertTrue(sheet.body().contains("class=\"denied\""), "a visitor is shown no rows");
            assertTrue(sheet.body().contains("data-chart=\"rows-purchases\""), "row counts charted");
            assertTrue(text.contains(running.rest().baseUri() + "/ (HTML"), "the catalog's address is printed");
            HttpResponse<String> visitorRows = client.send(HttpRequest.newBuilder(running.rest().baseUri()
                    .resolve(rows)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, visitorRows.statusCode(), "a visitor reads no rows");
        }
    }

    @Test
    void servesTheSampleOverFlightSqlWithTheDemoTokens(@TempDir Path work) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (SampleServer.Running running = start(work, printed)) {
            String text = printed.toString(StandardCharsets.UTF_8);
            String url = "jdbc:arrow-flight-sql://127.0.0.1:" + running.flight().boundPort() + "?useEncryption=false";
            assertTrue(text.contains(url), "the JDBC URL is printed: " + text);
            List<String> emails = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url, token(running.tokens().get("analyst")));
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT email FROM purchases WHERE email IS NOT NULL LIMIT 20")) {
                while (rs.next()) {
                    emails.add(rs.getString("email"));
                }
            }
            assertFalse(emails.isEmpty(), "the analyst reads purchases over Flight SQL");
            assertTrue(emails.stream().allMatch(e -> e.contains("***@")), "analysts see masked e-mails: " + emails);
            try (Connection c = DriverManager.getConnection(url, token(running.tokens().get("no-role")));
                 Statement s = c.createStatement()) {
                assertThrows(SQLException.class, () -> s.executeQuery("SELECT count(*) FROM purchases").next(),
                        "a principal without a role reads nothing over Flight SQL");
            }
            assertThrows(SQLException.class, () -> {
                try (Connection c = DriverManager.getConnection(url, token("not-a-demo-token"));
                     Statement s = c.createStatement()) {
                    s.executeQuery("SELECT count(*) FROM purchases").next();
                }
            }, "an unknown token is refused");
        }
    }

    @Test
    void aPortInUseIsRefusedWithThePropertyThatChoosesAnother(@TempDir Path work) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            dev.dataproduct.api.error.PortException e = assertThrows(dev.dataproduct.api.error.PortException.class,
                    () -> SampleServer.start(work, taken.getLocalPort(), 0,
                            new PrintStream(printed, true, StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("-Dsample.port="), e.getMessage());
        }
    }

    @Test
    void aPortThatIsNotANumberNamesThePropertyItCameFrom() {
        assertEquals(8080, SampleServer.port("", "sample.port", 8080));
        assertEquals(9090, SampleServer.port("9090", "sample.port", 8080));
        for (String bad : List.of("abc", "70000", "-1", "80 80")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SampleServer.port(bad, "sample.flightPort", 31337));
            assertTrue(e.getMessage().startsWith("-Dsample.flightPort=" + bad + " is not a TCP port"), e.getMessage());
        }
    }

    /** Starts the sample on free ports, printing into {@code printed}. */
    static SampleServer.Running start(Path work, ByteArrayOutputStream printed) throws Exception {
        return SampleServer.start(work, 0, 0, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    static Properties token(String value) {
        Properties p = new Properties();
        p.setProperty("token", value);
        return p;
    }
}
