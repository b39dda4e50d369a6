package dev.dataproduct.ports.http.page;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The catalog and the data sheets written as a folder of HTML files that a browser opens from disk,
 * with no server: {@code index.html} (the catalog and the interaction map) and
 * {@code products/{domain}/{name}/v{major}.html} (one data sheet per product), linked relatively.
 *
 * {@snippet :
 * StaticSite site = StaticSite.builder(Path.of("out/site"), store, allocator)
 *     .pages(pages).viewer(Principal.of("catalog", "analyst")).product(purchases).build();
 * site.ran(runtime.run(purchases));      // the latest quality outcomes show on its sheet
 * Path index = site.writeAll();
 * }
 *
 * <p>The sample rows are read through each product's read path as the site's viewer, so the files
 * hold only what that principal may see: choose it for the audience of the folder. Each file is
 * written whole and then moved into place, so a browser never reads half a page. Safe for use by
 * several threads.
 */
public final class StaticSite {
    /** The catalog's file name in the folder. */
    public static final String INDEX = "index.html";

    private final Path directory;
    private final SnapshotStore store;
    private final BufferAllocator allocator;
    private final Pages pages;
    private final Principal viewer;
    private final Map<ProductAddress, Held> products = new LinkedHashMap<>();

    /** A product the site writes a sheet for, with its store, read path and latest run. */
    private record Held(DataProduct product, SnapshotStore store, ProductReader reader,
                        Optional<RunResult> latestRun) {
    }

    private StaticSite(Builder b) {
        this.directory = b.directory;
        this.store = b.store;
        this.allocator = b.allocator;
        this.pages = b.pages;
        this.viewer = b.viewer;
        b.products.forEach(this::add);
    }

    /**
     * @param directory the folder to write, created if missing
     * @param store where the products' snapshots are committed
     * @param allocator the allocator the sample reads take a child of
     * @return a builder
     */
    public static Builder builder(Path directory, SnapshotStore store, BufferAllocator allocator) {
        return new Builder(directory, store, allocator);
    }

    /** @return the principal whose view of each product the site shows */
    public Principal viewer() {
        return viewer;
    }

    /** @return the folder written */
    public Path directory() {
        return directory;
    }

    /**
     * Adds a product committed to the site's store, whose sheet is written from now on.
     *
     * @param product the product
     */
    public void add(DataProduct product) {
        add(product, store);
    }

    /**
     * Adds a product committed to another store, so that one catalog spans products of several stores.
     *
     * @param product the product
     * @param productStore where its snapshots are committed
     */
    public synchronized void add(DataProduct product, SnapshotStore productStore) {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(productStore, "productStore");
        ProductReader reader = ProductReader.builder(productStore, product.address()).datasets(product)
                .allocator(allocator).build();
        products.put(product.address(), new Held(product, productStore, reader, Optional.empty()));
    }

    /**
     * Keeps a run's result, whose quality outcomes the product's next sheet shows.
     *
     * @param result a run of a product of the site
     * @throws IllegalArgumentException if the product is not in the site
     */
    public synchronized void ran(RunResult result) {
        ProductAddress a = ProductAddress.parse(result.productAddress());
        Held h = products.get(a);
        if (h == null) {
            throw new IllegalArgumentException(missing(result.productAddress()));
        }
        products.put(a, new Held(h.product(), h.store(), h.reader(), Optional.of(result)));
    }

    private String missing(String address) {
        return "the static site in " + directory + " holds no product " + address + "; add it with add(product) "
                + "first (it holds " + products.keySet().stream().map(ProductAddress::urn).toList() + ")";
    }

    /**
     * Writes the catalog and the data sheet of every product: those added, and those of the
     * pages' catalog known only from their documents.
     *
     * @return the catalog's file, {@code index.html}
     * @throws PortException if a file cannot be written
     */
    public synchronized Path writeAll() {
        Mesh mesh = mesh();
        for (Held h : products.values()) {
            writeSheet(h, mesh);
        }
        for (Subject s : mesh.products()) {
            if (s.product().isEmpty()) {
                // known from its document only: its sheet shows the description, so the catalog's link leads somewhere
                ProductAddress a = ProductAddress.parse(s.address());
                write(sheetFile(a), new SheetRenderer(pages, s, mesh, viewer, Links.SHEET_FILE).render());
            }
        }
        return writeIndex(mesh);
    }

    /**
     * Writes one product's data sheet, and the catalog anew.
     *
     * @param address a product of the site
     * @return the sheet's file
     * @throws IllegalArgumentException if the product is not in the site
     * @throws PortException if a file cannot be written
     */
    public synchronized Path write(ProductAddress address) {
        Held h = products.get(Objects.requireNonNull(address, "address"));
        if (h == null) {
            throw new IllegalArgumentException(missing(address.urn()));
        }
        Mesh mesh = mesh();
        Path sheet = writeSheet(h, mesh);
        writeIndex(mesh);
        return sheet;
    }

    /**
     * @param address a product's address
     * @return where its data sheet is (or will be) written
     */
    public Path sheetFile(ProductAddress address) {
        return directory.resolve(Links.sheetFile(address));
    }

    private Mesh mesh() {
        List<Subject> subjects = new ArrayList<>();
        for (Held h : products.values()) {
            subjects.add(subject(h));
        }
        return new Mesh(pages.withCatalog(subjects));
    }

    private Subject subject(Held h) {
        PortDescriptor files = new PortDescriptor("static-site", "file", "html", directory.toString());
        return new Subject(h.product().describe(), Optional.of(h.product()), Optional.of(h.reader()),
                h.store().history(h.reader().product()), h.latestRun(), List.of(files));
    }

    private Path writeSheet(Held h, Mesh mesh) {
        Path file = sheetFile(h.product().address());
        write(file, new SheetRenderer(pages, subject(h), mesh, viewer, Links.SHEET_FILE).render());
        return file;
    }

    private Path writeIndex(Mesh mesh) {
        Path file = directory.resolve(INDEX);
        write(file, CatalogRenderer.page(mesh, Links.INDEX_FILE));
        return file;
    }

    private static void write(Path file, String html) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".page", ".tmp");
            try {
                Files.writeString(tmp, html, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new PortException("cannot write the page " + file + " (" + e + "); check that the folder is "
                    + "writable and the disk has room", e);
        }
    }

    /** Builds a {@link StaticSite}. */
    public static final class Builder {
        private final Path directory;
        private final SnapshotStore store;
        private final BufferAllocator allocator;
        private Pages pages = Pages.builder().build();
        private Principal viewer = Principal.of("data-sheet");
        private final List<DataProduct> products = new ArrayList<>();

        private Builder(Path directory, SnapshotStore store, BufferAllocator allocator) {
            this.directory = Objects.requireNonNull(directory, "directory");
            this.store = Objects.requireNonNull(store, "store");
            this.allocator = Objects.requireNonNull(allocator, "allocator");
        }

        /**
         * @param value the sources of the pages (default: none)
         * @return this builder
         */
        public Builder pages(Pages value) {
            this.pages = Objects.requireNonNull(value, "pages");
            return this;
        }

        /**
         * @param value whom the sample rows are read as (default a principal {@code data-sheet} with no
         *     roles, who may read only what a policy grants to everyone)
         * @return this builder
         */
        public Builder viewer(Principal value) {
            this.viewer = Objects.requireNonNull(value, "viewer");
            return this;
        }

        /**
         * @param values products to write sheets for
         * @return this builder
         */
        public Builder product(DataProduct... values) {
            for (DataProduct p : values) {
                products.add(Objects.requireNonNull(p, "product"));
            }
            return this;
        }

        /** @return the site; nothing is written yet */
        public StaticSite build() {
            return new StaticSite(this);
        }
    }
}
