package dev.dataproduct.ports.http.page;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.descriptor.DatasetDescriptor;
import dev.dataproduct.api.descriptor.PortEntry;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Link;
import dev.dataproduct.api.product.ManagementPort;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.Constraints;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.slo.Objective;
import dev.dataproduct.core.metric.MetricDefinitions;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.QualityReport;
import dev.dataproduct.core.quality.history.HistoryEntry;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.slo.ObjectiveStatus;
import dev.dataproduct.core.slo.Objectives;
import dev.dataproduct.core.slo.SliEvent;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Writes one product's data sheet: a self-contained HTML page. */
final class SheetRenderer {
    /** The port name sample reads are audited under. */
    static final String PORT = "data-sheet";
    private static final int MAX_POINTS = 60;
    private static final int MAX_CELL = 80;
    private static final Set<Classification> OPEN = Set.of(Classification.PUBLIC, Classification.INTERNAL);

    private final Pages pages;
    private final Subject subject;
    private final Mesh mesh;
    private final Principal viewer;
    private final Links links;
    private final StringBuilder out = new StringBuilder(32 * 1024);

    SheetRenderer(Pages pages, Subject subject, Mesh mesh, Principal viewer, Links links) {
        this.pages = pages;
        this.subject = subject;
        this.mesh = mesh;
        this.viewer = viewer;
        this.links = links;
    }

    String render() {
        ProductDescriptor d = subject.descriptor();
        PageFrame.open(out, d.name() + " v" + d.version() + " \u2014 data sheet", "data-sheet");
        out.append("<header><a href=\"").append(Html.esc(links.catalog())).append("\">\u2190 catalog</a>")
                .append("<h1 id=\"product-name\">").append(Html.esc(d.name())).append("</h1>")
                .append("<div><code id=\"product-address\">").append(Html.esc(d.address())).append("</code> \u00b7 ")
                .append("version ").append(Html.esc(d.version())).append("</div>")
                .append("<p id=\"purpose\">").append(Html.esc(d.purpose())).append("</p></header><main>");
        about(d);
        fields(d);
        metrics();
        sample(d);
        ports(d);
        serviceLevels();
        quality(d);
        rowCounts(d);
        lineage(d);
        contract();
        out.append("</main>");
        PageFrame.close(out);
        return out.toString();
    }

    private void section(String id, String title) {
        out.append("<section id=\"").append(id).append("\"><h2>").append(Html.esc(title)).append("</h2>");
    }

    private void note(String text) {
        out.append("<p class=\"note\">").append(Html.esc(text)).append("</p>");
    }

    private void about(ProductDescriptor d) {
        section("about", "About");
        out.append("<dl>");
        if (!d.description().isEmpty()) {
            dl("Description", Html.esc(d.description()));
        }
        dl("Owner", Html.esc(d.owner().name()) + (d.owner().email().isEmpty() ? ""
                : " &lt;<a href=\"mailto:" + Html.esc(d.owner().email()) + "\">" + Html.esc(d.owner().email())
                + "</a>&gt;"));
        dl("Domain", Html.esc(d.domain()));
        dl("Alignment", Html.esc(lower(d.alignment().name())));
        dl("Kind", Html.esc(d.kind() + (d.pattern().isEmpty() ? "" : " (" + d.pattern() + ")")));
        dl("Quality tier", Html.esc(lower(d.qualityTier().name())));
        dl("Support tier", Html.esc(Integer.toString(d.supportTier())));
        dl("Status", "<span id=\"status\">" + Html.esc(lower(d.status().name())) + "</span>");
        if (!d.tags().isEmpty()) {
            StringBuilder tags = new StringBuilder();
            d.tags().forEach(t -> tags.append("<span class=\"tag\">").append(Html.esc(t)).append("</span>"));
            dl("Tags", tags.toString());
        }
        for (Link l : d.links()) {
            dl("Link", "<a href=\"" + Html.esc(l.href().toString()) + "\">" + Html.esc(l.title()) + "</a>");
        }
        out.append("</dl></section>");
    }

    /** Every metric definition of the product, written from the same tree as its YAML and descriptor. */
    private void metrics() {
        List<SemanticModel> models = subject.product()
                .map(DataProduct::semanticModels).orElse(List.of());
        if (models.isEmpty()) {
            return;
        }
        section("metrics", "Metrics");
        for (SemanticModel m : models) {
            out.append("<h3>").append(Html.esc(m.name())).append(" <small>over ").append(Html.esc(m.dataset()))
                    .append("</small></h3>");
            if (!m.description().isEmpty()) {
                out.append("<p>").append(Html.esc(m.description())).append("</p>");
            }
            out.append("<table class=\"metrics\"><thead><tr><th>Metric</th><th>Kind</th><th>Definition</th>"
                    + "<th>Meaning</th></tr></thead><tbody>");
            for (Metric metric : m.metrics()) {
                Map<String, Object> tree = new LinkedHashMap<>(MetricDefinitions.metric(metric));
                tree.remove("name");
                tree.remove("type");
                Object meaning = tree.remove("description");
                out.append("<tr id=\"metric-").append(Html.esc(metric.name())).append("\"><td><code>")
                        .append(Html.esc(metric.name())).append("</code></td><td>").append(Html.esc(metric.kind()))
                        .append("</td><td>").append(Html.esc(definition(tree))).append("</td><td>")
                        .append(Html.esc(meaning == null ? "" : meaning.toString())).append("</td></tr>");
            }
            out.append("</tbody></table><p class=\"note\">Dimensions: ");
            out.append(Html.esc(String.join(", ", m.dimensions().stream().map(x -> x.name()
                    + (x.type() == Dimension.Type.TIME ? " (time)" : "")).toList())));
            out.append(". Measures: ").append(Html.esc(String.join(", ", m.measures().stream()
                    .map(x -> x.name() + " = " + x.aggregation().label() + "(" + x.expr() + ")").toList())));
            out.append(".</p>");
        }
        out.append("</section>");
    }

    private static String definition(Map<String, Object> tree) {
        List<String> parts = new ArrayList<>();
        tree.forEach((k, v) -> parts.add(k + ": " + (v instanceof List<?> l ? l.stream()
                .map(x -> x instanceof Map<?, ?> mm ? mm.values().toString() : String.valueOf(x)).toList()
                : v)));
        return String.join("; ", parts);
    }

    private void dl(String term, String html) {
        out.append("<dt>").append(Html.esc(term)).append("</dt><dd>").append(html).append("</dd>");
    }

    private void fields(ProductDescriptor d) {
        section("fields", "Fields");
        for (DatasetDescriptor ds : d.datasets()) {
            out.append("<h3>").append(Html.esc(ds.name())).append("</h3>");
            if (!ds.description().isEmpty()) {
                out.append("<p>").append(Html.esc(ds.description())).append("</p>");
            }
            out.append("<table class=\"fields\" data-dataset=\"").append(Html.esc(ds.name())).append("\"><thead><tr>")
                    .append("<th>field</th><th>type</th><th>required</th><th>description</th>")
                    .append("<th>classification</th><th>constraints</th></tr></thead><tbody>");
            for (Field f : ds.fields()) {
                out.append("<tr data-field=\"").append(Html.esc(f.name())).append("\"><td><code>")
                        .append(Html.esc(f.name())).append("</code></td><td>").append(Html.esc(f.type().toString()))
                        .append("</td><td>").append(f.required() ? "yes" : "no").append("</td><td>")
                        .append(Html.esc(f.description())).append("</td><td>")
                        .append(Html.esc(lower(f.classification().name()) + (f.personalData() ? ", personal data" : "")))
                        .append("</td><td>").append(Html.esc(constraints(f))).append("</td></tr>");
            }
            out.append("</tbody></table>");
        }
        out.append("</section>");
    }

    private static String constraints(Field f) {
        List<String> parts = new ArrayList<>();
        if (f.primaryKeyPosition() > 0) {
            parts.add("primary key");
        }
        f.conformedKey().ifPresent(k -> parts.add("conformed key " + k));
        Constraints c = f.constraints();
        c.minimum().ifPresent(v -> parts.add("\u2265 " + v));
        c.maximum().ifPresent(v -> parts.add("\u2264 " + v));
        c.minLength().ifPresent(v -> parts.add("length \u2265 " + v));
        c.maxLength().ifPresent(v -> parts.add("length \u2264 " + v));
        c.pattern().ifPresent(v -> parts.add("pattern " + v));
        if (!c.allowedValues().isEmpty()) {
            parts.add("one of " + String.join(", ", c.allowedValues()));
        }
        return String.join("; ", parts);
    }

    private void sample(ProductDescriptor d) {
        section("sample", "Sample rows");
        out.append("<p class=\"note\">As <code>").append(Html.esc(viewer.id()))
                .append("</code> may see them, through the product's read path.</p>");
        if (subject.reader().isEmpty()) {
            note("This product is only described here; its rows are not served by this catalog.");
            out.append("</section>");
            return;
        }
        ProductReader reader = subject.reader().get();
        for (DatasetDescriptor ds : d.datasets()) {
            out.append("<h3>").append(Html.esc(ds.name())).append("</h3>");
            if (!reader.mayRead(viewer, ds.name())) {
                out.append("<p class=\"denied\" data-dataset=\"").append(Html.esc(ds.name()))
                        .append("\">You may not read the rows of this dataset; ask its owner for access.</p>");
                continue;
            }
            if (subject.snapshots().isEmpty()) {
                note("No snapshot is committed yet.");
                continue;
            }
            ReadRequest request = ReadRequest.of(ds.name()).limit(pages.sampleRows()).via(PORT).build();
            try (ReadResult rows = reader.read(viewer, request)) {
                out.append("<table class=\"sample\" data-dataset=\"").append(Html.esc(ds.name()))
                        .append("\"><thead><tr>");
                rows.columns().forEach(c -> out.append("<th>").append(Html.esc(c)).append("</th>"));
                out.append("</tr></thead><tbody>");
                while (rows.next()) {
                    VectorSchemaRoot batch = rows.batch();
                    for (int r = 0; r < batch.getRowCount(); r++) {
                        out.append("<tr>");
                        for (FieldVector v : batch.getFieldVectors()) {
                            Object value = VectorValues.get(v, r);
                            out.append("<td>").append(Html.esc(value == null ? "" : cell(value.toString())))
                                    .append("</td>");
                        }
                        out.append("</tr>");
                    }
                }
                out.append("</tbody></table>");
                if (!rows.maskedColumns().isEmpty()) {
                    note("Masked for you: " + String.join(", ", rows.maskedColumns()) + ".");
                }
            } catch (AccessDeniedException e) {
                // the policy's reasons stay on the server, as on every port
                out.append("<p class=\"denied\" data-dataset=\"").append(Html.esc(ds.name()))
                        .append("\">You may not read the rows of this dataset; ask its owner for access.</p>");
            }
        }
        out.append("</section>");
    }

    private static String cell(String text) {
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "\u2026" : text;
    }

    private void ports(ProductDescriptor d) {
        section("ports", "Ports and how to connect");
        ProductAddress address = ProductAddress.parse(d.address());
        String path = "/products/" + address.domain() + "/" + address.name() + "/v" + address.major();
        List<String> datasets = d.datasets().stream().map(DatasetDescriptor::name).toList();
        boolean any = false;
        for (PortDescriptor p : subject.serving()) {
            any = true;
            String loc = p.location();
            out.append("<h3 class=\"port\" data-port=\"").append(Html.esc(p.name())).append("\">")
                    .append(Html.esc(p.name())).append(" (").append(Html.esc(p.format())).append(")</h3>");
            String format = p.format().toLowerCase(Locale.ROOT);
            if (format.equals("rest") && loc.startsWith("http")) {
                String base = loc + path;
                out.append("<dl>");
                dl("Descriptor", link(base));
                dl("Contract (ODCS)", link(base + "/contract"));
                dl("OpenAPI", link(base + "/openapi.json"));
                for (String ds : datasets) {
                    dl("Rows of " + ds, link(base + "/datasets/" + ds));
                }
                out.append("</dl>");
                if (!datasets.isEmpty()) {
                    out.append("<pre class=\"curl\">").append(Html.esc("curl -H \"Authorization: Bearer $TOKEN\" "
                            + "-H \"Accept: text/csv\" \"" + base + "/datasets/" + datasets.get(0) + "?limit=10\""))
                            .append("</pre>");
                }
            } else if (format.contains("flight")) {
                out.append("<pre class=\"jdbc\">").append(Html.esc(flightJdbc(loc))).append("</pre>");
            } else if (format.equals("sql") || format.contains("duckdb")) {
                out.append("<pre class=\"jdbc\">").append(Html.esc(loc.startsWith("jdbc:") ? loc : "jdbc:duckdb:"
                        + loc)).append("</pre>");
            } else {
                out.append("<p><code>").append(Html.esc(loc)).append("</code></p>");
            }
        }
        List<PortEntry> outputs = d.outputPorts();
        if (!outputs.isEmpty()) {
            any = true;
            out.append("<h3>Output ports</h3><table class=\"ports\"><thead><tr><th>name</th><th>kind</th>")
                    .append("<th>format</th><th>location</th><th>contract</th></tr></thead><tbody>");
            for (PortEntry p : outputs) {
                out.append("<tr><td>").append(Html.esc(p.name())).append("</td><td>").append(Html.esc(p.kind()))
                        .append("</td><td>").append(Html.esc(p.format())).append("</td><td><code>")
                        .append(Html.esc(p.location())).append("</code></td><td>")
                        .append(Html.esc(p.contractId() + (p.version().isEmpty() ? "" : " " + p.version())))
                        .append("</td></tr>");
            }
            out.append("</tbody></table>");
        }
        if (!d.managementPorts().isEmpty()) {
            any = true;
            out.append("<h3>Management ports</h3><ul>");
            for (ManagementPort m : d.managementPorts()) {
                out.append("<li>").append(Html.esc(m.name() + " (" + m.content() + "): ")).append(link(m.url()))
                        .append("</li>");
            }
            out.append("</ul>");
        }
        if (!any) {
            note("No port serves this product here.");
        }
        out.append("</section>");
    }

    /** A Flight SQL location such as {@code grpc://host:port} as the Arrow Flight SQL JDBC driver's URL. */
    static String flightJdbc(String location) {
        String hostPort = location.replaceFirst("^[a-z+]+://", "");
        boolean tls = location.startsWith("grpc+tls") || location.startsWith("grpcs");
        return "jdbc:arrow-flight-sql://" + hostPort + "/?useEncryption=" + tls;
    }

    private static String link(String url) {
        boolean web = url.startsWith("http://") || url.startsWith("https://");
        return web ? "<a href=\"" + Html.esc(url) + "\"><code>" + Html.esc(url) + "</code></a>"
                : "<code>" + Html.esc(url) + "</code>";
    }

    private void serviceLevels() {
        section("service-levels", "Service levels");
        Optional<DataProduct> product = subject.product();
        if (product.isEmpty()) {
            note("Service levels are measured where the product runs.");
            out.append("</section>");
            return;
        }
        List<ObjectiveStatus> statuses = List.of();
        List<Objective> objectives;
        try {
            if (pages.serviceLevels().isPresent()) {
                pages.serviceLevels().get().track(product.get());
                statuses = pages.serviceLevels().get().status(product.get().address());
                objectives = statuses.stream().map(ObjectiveStatus::objective).toList();
            } else {
                objectives = Objectives.of(product.get());
            }
        } catch (DataProductException e) {
            note("The objectives cannot be read: " + e.getMessage());
            out.append("</section>");
            return;
        }
        if (objectives.isEmpty()) {
            note("This product declares no service level objectives.");
            out.append("</section>");
            return;
        }
        out.append("<table class=\"objectives\"><thead><tr><th>objective</th><th>indicator</th><th>target</th>")
                .append("<th>window</th><th>compliance</th><th>budget left</th><th>burn rate</th><th>now</th>")
                .append("<th>met</th></tr></thead><tbody>");
        for (int i = 0; i < objectives.size(); i++) {
            Objective o = objectives.get(i);
            ObjectiveStatus s = statuses.isEmpty() ? null : statuses.get(i);
            out.append("<tr data-objective=\"").append(Html.esc(o.name())).append("\"><td>").append(Html.esc(o.name()))
                    .append("</td><td>").append(Html.esc(lower(o.indicator().name()) + (o.scope().isEmpty() ? ""
                            : " on " + o.scope()) + o.limit().map(l -> " within " + human(l)).orElse("")))
                    .append("</td><td>").append(percent(o.target())).append("</td><td>").append(o.windowDays())
                    .append(" days</td>");
            if (s == null) {
                out.append("<td colspan=\"5\" class=\"note\">not measured here</td>");
            } else {
                out.append("<td>").append(percent(s.compliance())).append(" (").append(s.good()).append('/')
                        .append(s.events()).append(")</td><td>").append(percent(s.budgetLeft())).append("</td><td>")
                        .append(Html.num(Math.round(s.burnRate() * 100) / 100.0)).append("</td><td>")
                        .append(s.current().isPresent() ? Html.esc(Html.num(Math.round(s.current().getAsDouble()
                                * 1000) / 1000.0)) : "")
                        .append("</td><td class=\"").append(s.met() ? "pass\">yes" : "fail\">no").append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table>");
        if (pages.sliHistory().isPresent()) {
            out.append("<div class=\"charts\">");
            Instant now = pages.clock().instant();
            for (Objective o : objectives) {
                List<SliEvent> events = pages.sliHistory().get().events(subject.address(), o.name(),
                        now.minus(Duration.ofDays(o.windowDays())));
                List<SvgChart.Point> points = new ArrayList<>();
                for (SliEvent e : last(events)) {
                    points.add(new SvgChart.Point(e.at().toString(), e.value()));
                }
                out.append(SvgChart.line("sli-" + o.name(), o.name() + " (" + unit(o) + ")", points));
            }
            out.append("</div>");
        }
        out.append("</section>");
    }

    private static String unit(Objective o) {
        return switch (o.indicator()) {
            case FRESHNESS, FREQUENCY, RETENTION -> "seconds";
            case AVAILABILITY -> "1 = read served";
            default -> "share";
        };
    }

    private static <T> List<T> last(List<T> items) {
        return items.size() <= MAX_POINTS ? items : items.subList(items.size() - MAX_POINTS, items.size());
    }

    private void quality(ProductDescriptor d) {
        section("quality", "Quality checks");
        if (subject.product().isEmpty() || subject.reader().isEmpty()) {
            note("Quality is measured where the product runs.");
            out.append("</section>");
            return;
        }
        DataProduct product = subject.product().get();
        ProductReader reader = subject.reader().get();
        if (product.checks().isEmpty()) {
            note("This product declares no quality checks.");
        }
        for (DatasetDescriptor ds : d.datasets()) {
            List<Check> checks = product.checks().stream()
                    .filter(c -> c.dataset().isEmpty() || c.dataset().equals(ds.name())).toList();
            if (checks.isEmpty()) {
                continue;
            }
            out.append("<h3>").append(Html.esc(ds.name())).append("</h3>");
            if (!reader.mayRead(viewer, ds.name())) {
                note("You may not read this dataset, so its quality results are not shown to you.");
                continue;
            }
            Optional<QualityReport> report = subject.latestRun().flatMap(r -> r.quality().stream()
                    .filter(q -> q.dataset().equals(ds.name())).findFirst());
            if (report.isPresent()) {
                // outcomes and counts only: metric values are computed over rows and columns the viewer may not see
                out.append("<table class=\"checks\"><thead><tr><th>check</th><th>severity</th><th>outcome</th>")
                        .append("<th>failing rows</th></tr></thead><tbody>");
                for (CheckResult r : report.get().results()) {
                    String outcome = lower(r.outcome().name());
                    out.append("<tr data-check=\"").append(Html.esc(r.check().name())).append("\"><td>")
                            .append(Html.esc(r.check().name())).append("</td><td>")
                            .append(Html.esc(lower(r.check().severity().name()))).append("</td><td class=\"")
                            .append(outcome.equals("pass") ? "pass" : outcome.equals("fail") ? "fail" : "warn")
                            .append("\">").append(Html.esc(outcome)).append("</td><td>").append(r.failingRows())
                            .append("</td></tr>");
                }
                out.append("</tbody></table>");
            } else {
                note("No run of this product in this process yet: the latest outcomes show after its next run.");
            }
            trends(product, ds, checks);
        }
        out.append("</section>");
    }

    /** One chart per check metric over the recorded runs, for metrics on open (public, internal) columns only. */
    private void trends(DataProduct product, DatasetDescriptor ds, List<Check> checks) {
        if (pages.qualityHistory().isEmpty()) {
            return;
        }
        List<HistoryEntry> entries = last(pages.qualityHistory().get().entries(subject.address(), ds.name()));
        Map<String, Classification> classes = new LinkedHashMap<>();
        ds.fields().forEach(f -> classes.put(f.name(), f.classification()));
        Set<String> metrics = new LinkedHashSet<>();
        for (Check c : checks) {
            if (c.metric().columns().stream().allMatch(col -> OPEN.contains(classes.getOrDefault(col,
                    Classification.RESTRICTED)))) {
                metrics.add(c.metric().describe());
            }
        }
        if (metrics.isEmpty() || entries.isEmpty()) {
            return;
        }
        out.append("<div class=\"charts\">");
        int n = 0;
        for (String m : metrics) {
            List<SvgChart.Point> points = new ArrayList<>();
            for (HistoryEntry e : entries) {
                Double v = e.metrics().get(m);
                if (v != null) {
                    points.add(new SvgChart.Point(e.at() + " (" + e.version() + ")", v));
                }
            }
            out.append(SvgChart.line("quality-" + ds.name() + "-" + (++n), ds.name() + ": " + m, points));
        }
        out.append("</div>");
    }

    private void rowCounts(ProductDescriptor d) {
        section("snapshots", "Row counts per snapshot");
        if (subject.snapshots().isEmpty()) {
            note(subject.reader().isEmpty() ? "Snapshots are kept where the product runs."
                    : "No snapshot is committed yet.");
            out.append("</section>");
            return;
        }
        List<SnapshotManifest> snaps = last(subject.snapshots());
        SnapshotManifest current = snaps.get(snaps.size() - 1);
        out.append("<p>Current snapshot <code>").append(Html.esc(current.id())).append("</code>, committed ")
                .append(Html.esc(current.committedAt().toString())).append(".</p><div class=\"charts\">");
        for (DatasetDescriptor ds : d.datasets()) {
            List<SvgChart.Point> points = new ArrayList<>();
            for (SnapshotManifest m : snaps) {
                Long rows = m.datasets().get(ds.name());
                if (rows != null) {
                    points.add(new SvgChart.Point("#" + m.sequence() + " " + m.committedAt(), rows));
                }
            }
            out.append(SvgChart.bar("rows-" + ds.name(), ds.name() + ": rows published", points));
        }
        out.append("</div></section>");
    }

    private void lineage(ProductDescriptor d) {
        section("lineage", "Inputs and consumers");
        out.append(mesh.svg("lineage", "lineage of " + d.address(), Optional.of(d.address()), links));
        if (!d.inputPorts().isEmpty()) {
            out.append("<table class=\"inputs\"><thead><tr><th>input</th><th>kind</th><th>format</th>")
                    .append("<th>location</th><th>contract read</th></tr></thead><tbody>");
            for (PortEntry p : d.inputPorts()) {
                out.append("<tr><td>").append(Html.esc(p.name())).append("</td><td>").append(Html.esc(p.kind()))
                        .append("</td><td>").append(Html.esc(p.format())).append("</td><td><code>")
                        .append(Html.esc(p.location())).append("</code></td><td>")
                        .append(Html.esc(p.contractId() + (p.version().isEmpty() ? "" : " " + p.version())))
                        .append("</td></tr>");
            }
            out.append("</tbody></table>");
        }
        List<String> consumers = mesh.consumersOf(d.address());
        if (consumers.isEmpty()) {
            note("No product of this catalog reads this one.");
        } else {
            out.append("<p>Read by: ");
            for (String c : consumers) {
                Optional<String> href = links.sheet(c);
                out.append(href.map(h -> "<a href=\"" + Html.esc(h) + "\">" + Html.esc(c) + "</a>")
                        .orElse(Html.esc(c))).append(' ');
            }
            out.append("</p>");
        }
        out.append("</section>");
    }

    private void contract() {
        section("contract", "Contract");
        if (subject.product().isEmpty()) {
            List<String> seen = subject.descriptor().outputPorts().stream().filter(p -> !p.contractId().isEmpty())
                    .map(p -> p.contractId() + " " + p.version()).distinct().toList();
            note(seen.isEmpty() ? "No contract is named." : "Contracts served: " + String.join(", ", seen));
            out.append("</section>");
            return;
        }
        DataContract c = subject.product().get().contract();
        out.append("<dl>");
        dl("Contract", "<code>" + Html.esc(c.id()) + "</code>");
        dl("Version", "<span id=\"contract-version\">" + Html.esc(c.version()) + "</span>");
        dl("Status", Html.esc(c.status()));
        out.append("</dl>");
        List<DataContract> versions = pages.contracts().map(r -> r.versions(c.id())).orElse(List.of());
        if (versions.size() > 1) {
            out.append("<h3>Changelog</h3>");
            for (int i = versions.size() - 1; i > 0; i--) {
                String from = versions.get(i - 1).version();
                String to = versions.get(i).version();
                out.append("<h4>").append(Html.esc(from + " \u2192 " + to)).append("</h4><pre class=\"changelog\">")
                        .append(Html.esc(pages.contracts().get().releaseNotes(c.id(), from, to))).append("</pre>");
            }
        } else {
            Set<String> seen = new LinkedHashSet<>();
            subject.snapshots().forEach(m -> seen.add(m.productVersion()));
            out.append("<h3>Versions seen</h3><p>");
            if (seen.isEmpty()) {
                out.append("No snapshot committed yet; no earlier contract version is recorded.");
            } else {
                out.append("Product versions of the committed snapshots: ").append(Html.esc(String.join(", ", seen)))
                        .append(". No earlier contract version is registered, so there is no changelog.");
            }
            out.append("</p>");
        }
        out.append("</section>");
    }

    private static String percent(double share) {
        return Html.num(Math.round(share * 10000) / 100.0) + "%";
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    static String lower(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
