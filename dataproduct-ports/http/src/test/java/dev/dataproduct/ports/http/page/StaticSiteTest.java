package dev.dataproduct.ports.http.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.catalog.Catalog;
import dev.dataproduct.core.odps.OdpsCodec;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.testkit.port.RowsInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticSiteTest {
    static final DatasetSpec CITIES = DatasetSpec.named("cities")
            .field("city", LogicalType.STRING, f -> f.required().primaryKey())
            .field("mayor", LogicalType.STRING, f -> f.classification(Classification.RESTRICTED))
            .build();
    static final List<Map<String, Object>> ROWS = List.of(Map.of("city", "Lyon", "mayor", "secret-mayor-1"),
            Map.of("city", "Oslo", "mayor", "secret-mayor-2"));

    @TempDir
    Path dir;
    BufferAllocator allocator;
    InMemorySnapshotStore store;
    ProductRuntime runtime;

    @BeforeEach
    void start() {
        allocator = new RootAllocator();
        store = new InMemorySnapshotStore();
        runtime = ProductRuntime.builder().allocator(allocator).store(store).build();
    }

    @AfterEach
    void stop() {
        try {
            runtime.close();
        } finally {
            allocator.close();
        }
    }

    static DataProduct.Builder cities(String name) {
        return DataProduct.builder(name).domain("geo").version("2.1.0").owner(Owner.person("Ola", "ola@example.com"))
                .purpose("Cities & their <mayors>.")
                .input(RowsInput.of("cities", CITIES.schema(), ROWS)).output(CITIES)
                .access(Policy.forDataset("cities").grant(Grant.to(Audience.role("reader")).columns("city")).build())
                .transform(ctx -> ctx.input("cities"));
    }

    @Test
    void writesTheCatalogAndEverySheetAsFilesLinkedRelatively() throws IOException {
        DataProduct a = cities("cities").build();
        DataProduct b = cities("towns").build();
        StaticSite site = StaticSite.builder(dir.resolve("site"), store, allocator).product(a, b)
                .viewer(Principal.of("web", "reader")).build();
        site.ran(runtime.run(a));
        runtime.run(b);
        Path index = site.writeAll();
        assertEquals(dir.resolve("site/index.html"), index);
        assertTrue(Files.exists(dir.resolve("site/products/geo/cities/v2.html")));
        assertTrue(Files.exists(dir.resolve("site/products/geo/towns/v2.html")));
        int links = 0;
        try (Stream<Path> files = Files.walk(dir.resolve("site"))) {
            for (Path page : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = Pattern.compile("href=\"([^\"]+)\"").matcher(Files.readString(page));
                while (m.find()) {
                    String href = m.group(1);
                    if (href.startsWith("mailto:") || href.startsWith("http") || href.startsWith("data:")) {
                        continue;
                    }
                    links++;
                    assertTrue(Files.exists(page.getParent().resolve(href).normalize()), page + " links " + href);
                }
            }
        }
        assertTrue(links >= 4, "the catalog links each sheet and each sheet the catalog");
    }

    @Test
    void writesASheetForAProductKnownOnlyFromItsDocument() throws IOException {
        DataProduct a = cities("cities").build();
        Catalog catalog = new Catalog();
        catalog.register(OdpsCodec.document(cities("villages").build()));
        StaticSite site = StaticSite.builder(dir, store, allocator).product(a)
                .pages(Pages.builder().catalog(catalog).build()).build();
        runtime.run(a);
        String index = Files.readString(site.writeAll());
        assertTrue(index.contains("href=\"products/geo/villages/v2.html\""), index);
        String sheet = Files.readString(dir.resolve("products/geo/villages/v2.html"));
        assertTrue(sheet.contains("only described here"), "no rows for a product this site does not hold");
        assertTrue(sheet.contains("data-field=\"mayor\""), "its fields, from its document");
    }

    @Test
    void writesOnlyWhatTheSitesViewerMaySee() throws IOException {
        DataProduct a = cities("cities").build();
        StaticSite site = StaticSite.builder(dir, store, allocator).product(a).viewer(Principal.of("web", "reader"))
                .build();
        runtime.run(a);
        String sheet = Files.readString(site.write(a.address()));
        assertTrue(sheet.contains("<td>Lyon</td>"));
        assertFalse(sheet.contains("secret-mayor"), "a column the viewer may not see is not written");
        assertTrue(sheet.contains("Cities &amp; their &lt;mayors&gt;."));
        String anonymous = Files.readString(StaticSite.builder(dir.resolve("other"), store, allocator).product(a)
                .build().write(a.address()));
        assertTrue(anonymous.contains("class=\"denied\""));
        assertFalse(anonymous.contains("Lyon"));
    }

    @Test
    void rewritesTheSheetAfterEachCommitThroughTheDataSheetPort() throws IOException {
        StaticSite site = StaticSite.builder(dir, store, allocator).viewer(Principal.of("web", "reader")).build();
        DataProduct a = cities("cities").serve(DataSheetPort.to(site)).build();
        site.add(a);
        RunResult first = runtime.run(a);
        assertEquals(List.of(), first.portFailures());
        Path sheet = site.sheetFile(a.address());
        assertTrue(Files.readString(sheet).contains(first.snapshot().id()));
        RunResult second = runtime.run(a);
        String text = Files.readString(sheet);
        assertTrue(text.contains(second.snapshot().id()), "the sheet shows the new snapshot");
        assertEquals(2, SvgChartTest.count(text, "class=\"bar\""), "a bar per snapshot");
        assertTrue(Files.exists(dir.resolve(StaticSite.INDEX)));
    }

    @Test
    void namesTheMissingProductWhenTheSheetPortHasNoSheetToWrite() {
        // a viewer the product lets read, so that the delivery reaches the port and the port says what is missing
        StaticSite site = StaticSite.builder(dir, store, allocator).viewer(Principal.of("web", "reader")).build();
        DataProduct a = cities("cities").serve(DataSheetPort.to(site)).build();
        RunResult run = runtime.run(a);
        assertEquals(1, run.portFailures().size());
        assertTrue(run.portFailures().get(0).contains("add it with add(product)"), run.portFailures().toString());
    }
}
