package dev.dataproduct.ports.http.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.catalog.Catalog;
import dev.dataproduct.core.catalog.CatalogEntry;
import dev.dataproduct.core.host.HostedProduct;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.host.ServingPort;
import dev.dataproduct.core.quality.history.MetricsHistory;
import dev.dataproduct.core.registry.ContractRegistry;
import dev.dataproduct.core.slo.ServiceLevels;
import dev.dataproduct.core.slo.SliHistory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The human pages of a mesh: a data sheet per product and the catalog, rendered as self-contained
 * HTML (inline style, charts as inline SVG, no script, font or stylesheet fetched) from the
 * products' definitions, their read paths and what their runs recorded. Served by the REST port
 * ({@code GET /}, {@code GET /catalog}, and a product's address with {@code Accept: text/html}) and
 * written as a static folder by {@link StaticSite}.
 *
 * <p>The sources are all optional: a page shows what it is given and says what it was not.
 * {@snippet :
 * Pages pages = Pages.builder()
 *     .serviceLevels(levels, sliHistory)        // objectives, budgets and their history
 *     .qualityHistory(metricsHistory)           // quality metrics over runs
 *     .contracts(contracts)                     // the contract's changelog
 *     .catalog(catalog)                         // products known only from ODPS documents
 *     .build();
 * RestPort rest = RestPort.builder().authenticator(tokens).pages(pages).build();
 * }
 *
 * <p>The sample rows of a data sheet are read as the viewing principal through the product's read
 * path, so they show what that principal may see, masked as its policy says; a principal who may
 * not read a dataset sees a note instead, and no quality outcomes of it. Quality trends are charted
 * only for metrics on public or internal columns.
 */
public final class Pages {
    /**
     * The content security policy of every page, in its {@code meta} element and in the header the
     * REST port sends: nothing may be loaded but the page's own inline style and {@code data:} images.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src data:";

    private final Optional<ServiceLevels> serviceLevels;
    private final Optional<SliHistory> sliHistory;
    private final Optional<MetricsHistory> qualityHistory;
    private final Optional<ContractRegistry> contracts;
    private final Optional<Catalog> catalog;
    private final int sampleRows;
    private final Clock clock;

    private Pages(Builder b) {
        this.serviceLevels = Optional.ofNullable(b.serviceLevels);
        this.sliHistory = Optional.ofNullable(b.sliHistory);
        this.qualityHistory = Optional.ofNullable(b.qualityHistory);
        this.contracts = Optional.ofNullable(b.contracts);
        this.catalog = Optional.ofNullable(b.catalog);
        this.sampleRows = b.sampleRows;
        this.clock = b.clock;
    }

    /** @return a builder with no sources, 10 sample rows and the system clock */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The data sheet of a product a host serves, as its serving ports reach it.
     *
     * @param host the host
     * @param product one of its products
     * @param viewer who reads the page: the sample rows are those this principal may see
     * @return the HTML page
     */
    public String dataSheet(ProductHost host, HostedProduct product, Principal viewer) {
        Objects.requireNonNull(viewer, "viewer");
        Mesh mesh = mesh(host);
        Subject subject = hosted(host, product);
        return new SheetRenderer(this, subject, mesh, viewer, Links.SERVED).render();
    }

    /**
     * The data sheet of a product the host does not serve but this pages' catalog knows from its
     * document: its description, fields, ports and lineage, without rows or measurements.
     *
     * @param host the host, whose products make the lineage
     * @param address the product's address
     * @param viewer who reads the page
     * @return the page, or empty if the catalog knows no such product
     */
    public Optional<String> describedSheet(ProductHost host, ProductAddress address, Principal viewer) {
        Objects.requireNonNull(viewer, "viewer");
        Optional<CatalogEntry> entry = catalog.flatMap(c -> c.byAddress(address.urn()));
        return entry.map(e -> new SheetRenderer(this, Subject.described(e.descriptor()), mesh(host), viewer,
                Links.SERVED).render());
    }

    /**
     * @param host a host
     * @return the catalog page of its products and those of this pages' catalog, with the interaction map
     */
    public String catalogPage(ProductHost host) {
        return CatalogRenderer.page(mesh(host), Links.SERVED);
    }

    /**
     * @param host a host
     * @param query what to find
     * @return {@code {"count": n, "products": [...]}}: each product found with its owner, status, tags,
     *     fields with their classification, the products it reads, and a link to its data sheet
     */
    public JsonNode catalogJson(ProductHost host, CatalogQuery query) {
        return CatalogRenderer.json(mesh(host), Objects.requireNonNull(query, "query"), Links.SERVED);
    }

    private Mesh mesh(ProductHost host) {
        List<Subject> subjects = new ArrayList<>();
        for (HostedProduct h : host.products()) {
            subjects.add(hosted(host, h));
        }
        return new Mesh(withCatalog(subjects));
    }

    /** The given products, then those of the catalog that are not among them (known from documents only). */
    List<Subject> withCatalog(List<Subject> held) {
        List<Subject> all = new ArrayList<>(held);
        catalog.ifPresent(c -> {
            for (CatalogEntry e : c.entries()) {
                if (all.stream().noneMatch(s -> s.address().equals(e.address()))) {
                    all.add(Subject.described(e.descriptor()));
                }
            }
        });
        return all;
    }

    private static Subject hosted(ProductHost host, HostedProduct h) {
        List<PortDescriptor> serving = new ArrayList<>();
        for (ServingPort p : host.ports()) {
            serving.add(p.descriptor());
        }
        return new Subject(h.product().describe(), Optional.of(h.product()), Optional.of(h.reader()), h.snapshots(),
                h.latestRun(), serving);
    }

    Optional<ServiceLevels> serviceLevels() {
        return serviceLevels;
    }

    Optional<SliHistory> sliHistory() {
        return sliHistory;
    }

    Optional<MetricsHistory> qualityHistory() {
        return qualityHistory;
    }

    Optional<ContractRegistry> contracts() {
        return contracts;
    }

    int sampleRows() {
        return sampleRows;
    }

    Clock clock() {
        return clock;
    }

    /** Builds {@link Pages}. */
    public static final class Builder {
        private ServiceLevels serviceLevels;
        private SliHistory sliHistory;
        private MetricsHistory qualityHistory;
        private ContractRegistry contracts;
        private Catalog catalog;
        private int sampleRows = 10;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * @param levels the tracker whose objectives, budgets and burn rates the sheets show
         * @param history the history of its measurements, charted per objective
         * @return this builder
         */
        public Builder serviceLevels(ServiceLevels levels, SliHistory history) {
            this.serviceLevels = Objects.requireNonNull(levels, "levels");
            this.sliHistory = Objects.requireNonNull(history, "history");
            return this;
        }

        /**
         * @param value the quality metrics recorded per run, charted per check
         * @return this builder
         */
        public Builder qualityHistory(MetricsHistory value) {
            this.qualityHistory = Objects.requireNonNull(value, "qualityHistory");
            return this;
        }

        /**
         * @param value the registry whose versions of a product's contract make its changelog
         * @return this builder
         */
        public Builder contracts(ContractRegistry value) {
            this.contracts = Objects.requireNonNull(value, "contracts");
            return this;
        }

        /**
         * @param value more products for the catalog and the maps, such as those read from ODPS documents;
         *     a product served by the host is shown as served
         * @return this builder
         */
        public Builder catalog(Catalog value) {
            this.catalog = Objects.requireNonNull(value, "catalog");
            return this;
        }

        /**
         * @param rows the most rows a sheet shows per dataset (default 10), 1 to 1000
         * @return this builder
         */
        public Builder sampleRows(int rows) {
            if (rows < 1 || rows > 1000) {
                throw new IllegalArgumentException("sampleRows must be 1 to 1000, got " + rows);
            }
            this.sampleRows = rows;
            return this;
        }

        /**
         * @param value the clock that ends the service level windows charted (default the system clock)
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @return the pages */
        public Pages build() {
            return new Pages(this);
        }
    }
}
