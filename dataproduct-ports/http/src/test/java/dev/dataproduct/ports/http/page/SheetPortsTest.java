package dev.dataproduct.ports.http.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a data sheet tells a consumer to connect, from the serving ports' descriptors. */
class SheetPortsTest {
    static String sheet(PortDescriptor... serving) {
        DataProduct p = StaticSiteTest.cities("cities").build();
        Subject s = new Subject(p.describe(), Optional.of(p), Optional.empty(), List.of(), Optional.empty(),
                List.of(serving));
        return new SheetRenderer(Pages.builder().build(), s, new Mesh(List.of(s)), Principal.of("x"),
                Links.SERVED).render();
    }

    @Test
    void givesTheFlightSqlJdbcUrlOfAFlightSqlPort() {
        String page = sheet(new PortDescriptor("flight", "serving", "flight-sql", "grpc://10.0.0.7:31337"));
        assertTrue(page.contains("<pre class=\"jdbc\">jdbc:arrow-flight-sql://10.0.0.7:31337/?useEncryption=false"
                + "</pre>"), page);
        assertEquals("jdbc:arrow-flight-sql://db.example:443/?useEncryption=true",
                SheetRenderer.flightJdbc("grpc+tls://db.example:443"));
    }

    @Test
    void givesTheDuckDbJdbcUrlOfASqlPort() {
        String page = sheet(new PortDescriptor("sql", "serving", "sql", "/data/geo.duckdb"));
        assertTrue(page.contains("<pre class=\"jdbc\">jdbc:duckdb:/data/geo.duckdb</pre>"), page);
    }

    @Test
    void givesTheRestUrlsAndACurlLineOfARestPort() {
        String page = sheet(new PortDescriptor("rest", "serving", "rest", "http://127.0.0.1:8080"));
        assertTrue(page.contains("http://127.0.0.1:8080/products/geo/cities/v2/openapi.json"));
        assertTrue(page.contains("<pre class=\"curl\">curl -H &quot;Authorization: Bearer $TOKEN&quot; "
                + "-H &quot;Accept: text/csv&quot; &quot;http://127.0.0.1:8080/products/geo/cities/v2/datasets/"
                + "cities?limit=10&quot;</pre>"), page);
    }
}
