package dev.dataproduct.ports.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.dataproduct.api.access.Authenticator;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.metric.MetricQuery;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.host.HostedProduct;
import dev.dataproduct.core.host.PortMeters;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.metric.MetricEngine;
import dev.dataproduct.core.odcs.OdcsCodec;
import dev.dataproduct.core.odps.OdpsCodec;
import dev.dataproduct.core.quality.QualityReport;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SnapshotSelector;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.ports.http.page.CatalogQuery;
import dev.dataproduct.ports.http.page.Pages;
import io.micrometer.core.instrument.Counter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes and answers the requests of one {@link RestPort}. */
final class RestHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RestHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DOCUMENT_TYPES = List.of(MediaTypes.JSON, MediaTypes.YAML);
    private static final List<String> JSON_ONLY = List.of(MediaTypes.JSON);
    private static final List<String> HTML_ONLY = List.of(MediaTypes.HTML);
    private static final List<String> SHEET_TYPES = List.of(MediaTypes.JSON, MediaTypes.YAML, MediaTypes.HTML);

    private final ProductHost host;
    private final String port;
    private final Authenticator authenticator;
    private final long defaultLimit;
    private final long maxLimit;
    private final int maxUriChars;
    private final PortMeters meters;
    private final RestPort owner;
    private final BufferAllocator allocator;
    private final StallGuard guard;
    private final java.util.concurrent.Executor senders;
    private final Pages pages;

    RestHandler(ProductHost host, String port, Authenticator authenticator, long defaultLimit, long maxLimit,
                int maxUriChars, PortMeters meters, RestPort owner, BufferAllocator allocator, StallGuard guard,
                java.util.concurrent.Executor senders, Pages pages) {
        this.host = host;
        this.port = port;
        this.authenticator = authenticator;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
        this.maxUriChars = maxUriChars;
        this.meters = meters;
        this.owner = owner;
        this.allocator = allocator;
        this.guard = guard;
        this.senders = senders;
        this.pages = pages;
    }

    /** What one exchange did, for the meters. */
    private static final class Outcome {
        final long start = System.nanoTime();
        boolean recorded;
        String product = "-";
        ProductAddress address;
        String dataset = "-";
        String outcome = "ok";
        long rows;
        CountingStream body;
    }

    @Override
    public void handle(HttpExchange ex) {
        Outcome o = new Outcome();
        RuntimeException cut = null;
        try {
            route(ex, o);
        } catch (BadRequest b) {
            o.outcome = outcomeOf(b.status());
            problem(ex, b.status(), b.title(), b.getMessage(), b.parameter(), o);
        } catch (IOException e) {
            // the client went away: the read result was closed on the way out, releasing its pin
            o.outcome = "aborted";
            LOG.debug("client of {} went away: {}", ex.getRequestURI().getRawPath(), e.toString());
        } catch (RuntimeException e) {
            o.outcome = "error";
            LOG.error("REST port '{}' failed to answer {} {}", port, ex.getRequestMethod(),
                    ex.getRequestURI().getRawPath(), e);
            if (ex.getResponseCode() != -1) {
                // rows were being sent: ending the body normally would pass a cut page (and its Link to the
                // next one) off as whole; an exception out of the handler makes the server drop the connection
                cut = e;
            }
            problem(ex, 500, "Internal error", "the server failed to answer; the failure is in its log", null, o);
        } finally {
            // a streamed response ends with its last chunk, written by close: counted before it
            record(o, 0);
            if (cut == null) {
                closeGuarded(ex);
            }
            // an interrupt meant for a stalled write must not reach the worker's next exchange
            Thread.interrupted();
        }
        if (cut != null) {
            throw cut;
        }
    }

    /**
     * Records the exchange in the usage meters and, for a read of rows, in the availability indicator,
     * once, before the response's last bytes go out: a client that reads the usage right after its
     * answer finds its request counted.
     *
     * @param pending body bytes about to be written
     */
    private void record(Outcome o, long pending) {
        if (o.recorded) {
            return;
        }
        o.recorded = true;
        meters.record(o.product, o.dataset, o.outcome, o.rows, (o.body == null ? 0 : o.body.count) + pending,
                System.nanoTime() - o.start);
        if (o.address != null && !o.dataset.equals("-")) {
            // a refusal is the port answering; a client that went away is not the port failing
            host.readRecorder().read(o.address, port, !o.outcome.equals("error"));
        }
    }

    /** Ends the exchange; its last chunk is a write to the client like any other. */
    private void closeGuarded(HttpExchange ex) {
        try {
            guard.write(ex::close);
        } catch (IOException e) {
            LOG.debug("client of {} went away before the response ended: {}", ex.getRequestURI().getRawPath(),
                    e.toString());
        }
    }

    private void route(HttpExchange ex, Outcome o) throws IOException {
        String raw = rawPath(ex);
        String rawQuery = rawQuery(ex);
        if (raw.length() + (rawQuery == null ? 0 : rawQuery.length()) > maxUriChars) {
            throw new BadRequest(414, "URI too long", "the request target has more than " + maxUriChars
                    + " characters; select fewer columns or split the filter", null);
        }
        if (!ex.getRequestMethod().equals("GET") && !head(ex)) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            throw new BadRequest(405, "Method not allowed", ex.getRequestMethod()
                    + " is not served; every resource of this port is read with GET (or HEAD)", null);
        }
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null && !length.equals("0") || ex.getRequestHeaders().containsKey("Transfer-Encoding")) {
            throw new BadRequest(413, "Content too large", "a GET request to this port carries no body", null);
        }
        List<String> path = segments(raw);
        Principal principal = authenticator.authenticate(lowerCased(ex)).orElse(null);
        if (principal == null) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"dataproduct\"");
            throw new BadRequest(401, "Unauthorized", "send a valid bearer token in the Authorization header", null);
        }
        if (path.isEmpty()) {
            negotiate(ex, HTML_ONLY);
            sendHtml(ex, pages.catalogPage(host), o);
            return;
        }
        if (path.size() == 1 && path.get(0).equals("catalog")) {
            negotiate(ex, JSON_ONLY);
            CatalogQuery query;
            try {
                query = CatalogQuery.parse(rawQuery);
            } catch (IllegalArgumentException e) {
                throw BadRequest.query(null, e.getMessage());
            }
            sendJson(ex, pages.catalogJson(host, query), o);
            return;
        }
        if (path.size() == 1 && path.get(0).equals("products")) {
            negotiate(ex, JSON_ONLY);
            sendJson(ex, products(), o);
            return;
        }
        if (path.size() < 4 || !path.get(0).equals("products") || !path.get(3).matches("v[0-9]{1,9}")) {
            throw notFound("no resource at " + raw + "; products are listed at /products");
        }
        ProductAddress address;
        try {
            address = new ProductAddress(path.get(1), path.get(2), Integer.parseInt(path.get(3).substring(1)));
        } catch (IllegalArgumentException e) {
            throw notFound("no product at " + raw + "; products are listed at /products");
        }
        if (host.product(address).isEmpty() && path.size() == 4) {
            // a product the catalog knows from its document only has a data sheet here, and nothing else
            Optional<String> described = MediaTypes.negotiate(ex.getRequestHeaders().getFirst("Accept"), SHEET_TYPES)
                    .filter(MediaTypes.HTML::equals).flatMap(t -> pages.describedSheet(host, address, principal));
            if (described.isPresent()) {
                sendHtml(ex, described.get(), o);
                return;
            }
        }
        HostedProduct hosted = host.product(address).orElseThrow(() -> notFound("no product "
                + address.urn() + " is served here; products are listed at /products"));
        o.product = address.urn();
        o.address = address;
        DataProduct product = hosted.product();
        String rest = path.size() == 4 ? "" : path.get(4);
        if (path.size() > 6 || path.size() == 6 && !rest.equals("datasets") || path.size() == 5
                && rest.equals("datasets")) {
            throw notFound("no resource at " + raw + "; see " + productPath(address) + "/openapi.json");
        }
        switch (rest) {
            case "" -> {
                String type = negotiate(ex, SHEET_TYPES);
                if (type.equals(MediaTypes.HTML)) {
                    sendHtml(ex, pages.dataSheet(host, hosted, principal), o);
                    return;
                }
                send(ex, type, type.equals(MediaTypes.YAML) ? OdpsCodec.toYaml(product) : OdpsCodec.toJson(product),
                        o);
            }
            case "contract" -> {
                String type = negotiate(ex, DOCUMENT_TYPES);
                send(ex, type, type.equals(MediaTypes.YAML) ? OdcsCodec.toYaml(product.contract())
                        : OdcsCodec.toJson(product.contract()), o);
            }
            case "openapi.json" -> {
                negotiate(ex, JSON_ONLY);
                ObjectNode doc = OpenApiDocument.of(product, owner.baseUri().toString(), productPath(address));
                owner.features(address).ifPresent(f -> OpenApiDocument.features(doc, productPath(address),
                        f.online().view()));
                sendJson(ex, doc, o);
            }
            case "features" -> {
                negotiate(ex, JSON_ONLY);
                o.dataset = "features";
                sendJson(ex, FeatureAnswers.lookup(owner.features(address).orElseThrow(() -> notFound(address.urn()
                        + " serves no features here")), principal, rawQuery), o);
            }
            case "snapshots" -> {
                negotiate(ex, JSON_ONLY);
                sendJson(ex, snapshots(hosted), o);
            }
            case "quality" -> {
                negotiate(ex, JSON_ONLY);
                sendJson(ex, quality(hosted, principal), o);
            }
            case "usage" -> {
                negotiate(ex, JSON_ONLY);
                sendJson(ex, usage(address), o);
            }
            case "datasets" -> rows(ex, hosted, path.get(5), principal, rawQuery, o);
            case "metrics" -> metrics(ex, hosted, principal, rawQuery, o);
            default -> throw notFound("no resource at " + raw + "; see " + productPath(address) + "/openapi.json");
        }
    }

    private void rows(HttpExchange ex, HostedProduct hosted, String dataset, Principal principal, String rawQuery,
                      Outcome o) throws IOException {
        DatasetSpec spec = hosted.product().output(dataset).orElseThrow(() -> notFound(hosted.address().urn()
                + " has no dataset '" + dataset + "'; its datasets are "
                + hosted.product().outputs().stream().map(DatasetSpec::name).toList()));
        o.dataset = dataset;
        List<String> offered = new ArrayList<>();
        for (RowFormat f : RowFormat.values()) {
            offered.add(f.mediaType);
        }
        String type = negotiate(ex, offered);
        RowFormat format = RowFormat.values()[offered.indexOf(type)];
        RowQuery query = RowQuery.parse(rawQuery, spec, port, defaultLimit, maxLimit);
        checkSnapshot(hosted, query.request().snapshot());
        ReadResult result;
        try {
            result = hosted.reader().read(principal, query.request());
        } catch (AccessDeniedException e) {
            // the policy's reasons stay on the server
            throw BadRequest.forbidden("dataset '" + dataset + "' of " + hosted.address().urn(), principal);
        } catch (InvalidRequestException e) {
            boolean cursor = query.request().cursor().isPresent() && e.getMessage().contains("cursor");
            throw BadRequest.query(cursor ? "cursor" : unreadableColumnParameter(hosted, dataset, principal, query),
                    e.getMessage());
        }
        try (result) {
            String etag = etag(result.snapshot().id(), query, type, principal);
            ex.getResponseHeaders().set("ETag", etag);
            ex.getResponseHeaders().set("Cache-Control", "private");
            ex.getResponseHeaders().set("Vary", "Authorization, Accept");
            // several If-None-Match lines are one list (RFC 9110 section 5.3)
            List<String> ifNoneMatch = ex.getRequestHeaders().get("If-None-Match");
            if (ifNoneMatch != null && matches(String.join(",", ifNoneMatch), etag)) {
                o.outcome = "not_modified";
                record(o, 0);
                ex.sendResponseHeaders(304, -1);
                return;
            }
            result.pageCursor().ifPresent(c -> ex.getResponseHeaders().set("Link", "<"
                    + rawPath(ex) + "?" + (query.canonical().isEmpty() ? "" : query.canonical()
                    + "&") + "cursor=" + RowQuery.encode(c) + ">; rel=\"next\""));
            ex.getResponseHeaders().set("Content-Type", format == RowFormat.ARROW ? type
                    : type + "; charset=utf-8" + (format == RowFormat.CSV ? "; header=present" : ""));
            sendHeaders(ex, 200, 0);
            if (head(ex)) {
                return;
            }
            o.body = new CountingStream(ex.getResponseBody(), guard);
            if (format == RowFormat.ARROW) {
                // stored batches or buffers unloaded as they are: copying them to a sender would cost more
                // than the writes it would take off this thread
                writeRows(format, result, new java.io.BufferedOutputStream(o.body, HandOffStream.CHUNK), o);
            } else {
                // text is encoded here while the last chunk is sent from another thread
                try (HandOffStream sent = HandOffStream.over(o.body, senders)) {
                    writeRows(format, result, sent, o);
                }
            }
        }
    }

    /** Writes the rows of a read in a format and flushes them; the JDK server sends every write as a chunk. */
    private void writeRows(RowFormat format, ReadResult result, OutputStream out, Outcome o) throws IOException {
        try (RowFormat.Writer w = format.open(result.schema(), out, allocator)) {
            if (w.writeStored(result)) {
                o.rows = result.rowsReturned();
            }
            while (result.next()) {
                w.write(result.batch());
                o.rows = result.rowsReturned();
            }
            w.finish();
        }
        out.flush();
    }

    /**
     * The parameter naming a column the caller cannot read, whether hidden or absent (no oracle), or
     * null when the refusal was about something else.
     */
    private static String unreadableColumnParameter(HostedProduct hosted, String dataset, Principal principal,
                                                    RowQuery query) {
        try {
            return query.parameterNaming(hosted.reader().schema(principal, dataset).getFields().stream()
                    .map(org.apache.arrow.vector.types.pojo.Field::getName).toList()).orElse(null);
        } catch (DataProductException e) {
            // access changed since the read was refused (an agreement ended): the refusal stands without a name
            return null;
        }
    }

    /**
     * An ad hoc metric query of the product's semantic model: {@code metrics=a,b&by=region,ordered_at__month}
     * (and {@code model=} when it has several), with filters over the model's rows in the rows
     * endpoint's syntax ({@code region=eq.EU&amount=gt.10}, combined with AND), answered through the
     * read path of the product holding the rows, as the caller, in the row formats of the datasets.
     */
    private void metrics(HttpExchange ex, HostedProduct hosted, Principal principal, String rawQuery, Outcome o)
            throws IOException {
        List<SemanticModel> models = hosted.product().semanticModels();
        if (models.isEmpty()) {
            throw notFound(hosted.address().urn() + " defines no metric");
        }
        Map<String, String> params = new LinkedHashMap<>();
        List<String[]> filterParams = new ArrayList<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decodeParameter(eq < 0 ? pair : pair.substring(0, eq), pair);
            String value = eq < 0 ? "" : decodeParameter(pair.substring(eq + 1), key);
            if (METRIC_PARAMETERS.contains(key)) {
                if (params.put(key, value) != null) {
                    throw BadRequest.query(key, "the parameter '" + key + "' is given twice; give it once");
                }
            } else if (RowQuery.RESERVED.contains(key)) {
                throw BadRequest.query(key, "'" + key + "' is a parameter of the rows endpoint, not of the metrics "
                        + "endpoint; use metrics, by, model and filters such as region=eq.EU");
            } else {
                filterParams.add(new String[] {key, value});
            }
        }
        SemanticModel model = params.containsKey("model") ? models.stream()
                .filter(m -> m.name().equals(params.get("model"))).findFirst()
                .orElseThrow(() -> BadRequest.query("model", "no semantic model '" + params.get("model") + "'; models: "
                        + models.stream().map(SemanticModel::name).toList()))
                : models.get(0);
        if (!params.containsKey("metrics") || params.get("metrics").isBlank()) {
            throw BadRequest.query("metrics", "name the metrics, such as metrics=" + model.metrics().stream()
                    .map(m -> m.name()).limit(2).collect(java.util.stream.Collectors.joining(",")));
        }
        List<Expr> filters = new ArrayList<>();
        for (String[] f : filterParams) {
            filters.add(RowQuery.filter(f[0], f[1], columnType(hosted, model, f[0])));
        }
        String[] asked = params.get("metrics").split(",", -1);
        if (new java.util.HashSet<>(List.of(asked)).size() != asked.length) {
            throw BadRequest.query("metrics", "metrics=" + params.get("metrics") + " names a metric twice; name each once");
        }
        MetricQuery query;
        try {
            MetricQuery.Builder b = MetricQuery.of(asked);
            filters.forEach(b::where);
            if (params.containsKey("by") && !params.get("by").isBlank()) {
                for (String g : params.get("by").split(",")) {
                    b.by(g);
                }
            }
            query = b.build();
        } catch (IllegalArgumentException e) {
            throw BadRequest.query("by", e.getMessage());
        }
        Map<String, ProductReader> readers = new LinkedHashMap<>();
        List<String> datasets = new ArrayList<>(List.of(model.dataset()));
        model.joins().forEach(j -> datasets.add(j.dataset()));
        for (String d : datasets) {
            readers.put(d, readerOf(hosted, d));
        }
        List<String> offered = new ArrayList<>();
        for (RowFormat f : RowFormat.values()) {
            offered.add(f.mediaType);
        }
        String type = negotiate(ex, offered);
        RowFormat format = RowFormat.values()[offered.indexOf(type)];
        VectorSchemaRoot answer;
        try {
            answer = MetricEngine.of(model, allocator).query(readers, principal, query, SnapshotSelector.current());
        } catch (AccessDeniedException e) {
            throw BadRequest.forbidden("the rows the metrics of " + hosted.address().urn() + " are computed from",
                    principal);
        } catch (InvalidRequestException e) {
            throw BadRequest.query(null, e.getMessage());
        } catch (dev.dataproduct.core.join.JoinRefusedException e) {
            // the rows break the model's many-to-one join: a state of the data, told with counts, no key
            throw new BadRequest(409, "Conflict", e.getMessage(), null);
        }
        try (answer) {
            ex.getResponseHeaders().set("Content-Type", format == RowFormat.ARROW ? type
                    : type + "; charset=utf-8" + (format == RowFormat.CSV ? "; header=present" : ""));
            ex.getResponseHeaders().set("Cache-Control", "private");
            sendHeaders(ex, 200, 0);
            if (head(ex)) {
                return;
            }
            o.body = new CountingStream(ex.getResponseBody(), guard);
            OutputStream buffered = new java.io.BufferedOutputStream(o.body, 1 << 16);
            try (RowFormat.Writer w = format.open(answer.getSchema(), buffered, allocator)) {
                w.write(answer);
                o.rows = answer.getRowCount();
                w.finish();
            }
            buffered.flush();
        }
    }

    private static final List<String> METRIC_PARAMETERS = List.of("metrics", "by", "model");

    private static String decodeParameter(String s, String where) {
        try {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw BadRequest.query(where, "'" + where + "' is not validly percent-encoded: " + e.getMessage());
        }
    }

    /**
     * The declared type of a column a metric filter names: in the model's dataset, else in a dataset
     * it joins; empty when no contract here declares it (the read path then refuses it as unknown).
     */
    private Optional<LogicalType> columnType(HostedProduct hosted, SemanticModel model, String column) {
        List<String> datasets = new ArrayList<>(List.of(model.dataset()));
        model.joins().forEach(j -> datasets.add(j.dataset()));
        for (String d : datasets) {
            Optional<DatasetSpec> spec = hosted.product().output(d).or(() -> hosted.product().productInputs().stream()
                    .filter(i -> i.name().equals(d)).findFirst()
                    .flatMap(i -> host.product(i.product()).flatMap(h -> h.product().output(i.dataset()))));
            Optional<LogicalType> type = spec.flatMap(s -> s.schema().field(column)).map(Field::type);
            if (type.isPresent()) {
                return type;
            }
        }
        return Optional.empty();
    }

    /** The reader of a dataset of the product, or of the product one of its inputs reads. */
    private ProductReader readerOf(HostedProduct hosted, String dataset) {
        if (hosted.product().output(dataset).isPresent()) {
            return hosted.reader();
        }
        return hosted.product().productInputs().stream().filter(i -> i.name().equals(dataset)).findFirst()
                .flatMap(i -> host.product(i.product())).map(HostedProduct::reader)
                .orElseThrow(() -> notFound("the rows of dataset '" + dataset + "' the metrics of "
                        + hosted.address().urn() + " are computed from are not served here"));
    }

    private void checkSnapshot(HostedProduct hosted, SnapshotSelector selector) {
        if (selector instanceof SnapshotSelector.ById byId) {
            // a staged snapshot too: write, audit, publish audits it by id before it is published
            if (hosted.snapshot(byId.id()).isEmpty()) {
                throw new BadRequest(404, "Not found", hosted.address().urn() + " has no snapshot '" + byId.id()
                        + "'; the snapshots are listed at " + productPath(hosted.address()) + "/snapshots",
                        "snapshot");
            }
            return;
        }
        List<SnapshotManifest> history = hosted.snapshots();
        if (history.isEmpty()) {
            throw notFound(hosted.address().urn() + " has no committed snapshot yet; try again after its first run");
        }
        if (selector instanceof SnapshotSelector.AsOf asOf && history.get(0).committedAt().isAfter(asOf.instant())) {
            throw new BadRequest(404, "Not found", hosted.address().urn() + " had no snapshot at " + asOf.instant()
                    + "; its first was committed at " + history.get(0).committedAt(), "asOf");
        }
    }

    private static String etag(String snapshot, RowQuery query, String type, Principal principal) {
        StringBuilder scope = new StringBuilder();
        // the caller's policy scope is decided by its id, roles and attributes: all of them go in
        scope.append(principal.id()).append('\n').append(new TreeSet<>(principal.roles())).append('\n')
                .append(new TreeMap<>(principal.attributes()));
        String text = snapshot + "\n" + query.canonical() + "\n" + query.request().cursor().orElse("") + "\n" + type
                + "\n" + scope;
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 32) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private ArrayNode products() {
        ArrayNode list = JSON.createArrayNode();
        for (HostedProduct h : host.products()) {
            ProductAddress a = h.address();
            String base = productPath(a);
            ObjectNode p = list.addObject();
            p.put("address", a.urn());
            p.put("domain", a.domain());
            p.put("name", a.name());
            p.put("major", a.major());
            p.put("version", h.product().metadata().version().toString());
            p.put("purpose", h.product().metadata().purpose());
            ObjectNode links = p.putObject("links");
            links.put("self", base);
            links.put("contract", base + "/contract");
            links.put("openapi", base + "/openapi.json");
            links.put("snapshots", base + "/snapshots");
            links.put("quality", base + "/quality");
            links.put("usage", base + "/usage");
            ObjectNode datasets = links.putObject("datasets");
            for (DatasetSpec d : h.product().outputs()) {
                datasets.put(d.name(), base + "/datasets/" + d.name());
            }
        }
        return list;
    }

    private static ArrayNode snapshots(HostedProduct hosted) {
        ArrayNode list = JSON.createArrayNode();
        for (SnapshotManifest m : hosted.snapshots()) {
            ObjectNode s = list.addObject();
            s.put("id", m.id());
            s.put("sequence", m.sequence());
            if (!m.parent().isEmpty()) {
                s.put("parent", m.parent());
            }
            s.put("committedAt", m.committedAt().toString());
            s.put("productVersion", m.productVersion());
            ObjectNode rows = s.putObject("rows");
            m.datasets().forEach(rows::put);
            ObjectNode quarantined = s.putObject("quarantined");
            m.quarantine().forEach(quarantined::put);
        }
        return list;
    }

    /**
     * The latest quality reports of the datasets the principal may read, as outcomes and counts. Metric
     * values, messages, failing values and row positions are left out: they are computed over every row
     * and column, so they could reveal what the principal's policy filters out or masks.
     */
    private static ObjectNode quality(HostedProduct hosted, Principal principal) throws IOException {
        RunResult run = hosted.latestRun().orElseThrow(() -> notFound(hosted.address().urn()
                + " has not been run by this host yet, so it has no quality report; run it through the host"));
        ObjectNode out = JSON.createObjectNode();
        out.put("snapshot", run.snapshot().id());
        out.put("runAt", run.startedAt().toString());
        ArrayNode reports = out.putArray("reports");
        for (QualityReport r : run.quality()) {
            if (!hosted.reader().mayRead(principal, r.dataset())) {
                continue;
            }
            JsonNode report = JSON.readTree(r.toJson());
            for (JsonNode result : report.path("results")) {
                ((ObjectNode) result).remove(List.of("value", "message", "firstFailingValues", "frequentFailingValues",
                        "failingRowPositions"));
            }
            reports.add(report);
        }
        return out;
    }

    private ObjectNode usage(ProductAddress address) {
        ObjectNode out = JSON.createObjectNode();
        out.put("product", address.urn());
        ArrayNode ports = out.putArray("requests");
        Map<String, ObjectNode> byKey = new TreeMap<>();
        for (Counter c : host.meterRegistry().find(PortMeters.REQUESTS).tag("product", address.urn()).counters()) {
            String key = c.getId().getTag("port") + "\n" + c.getId().getTag("dataset") + "\n"
                    + c.getId().getTag("outcome");
            ObjectNode n = byKey.computeIfAbsent(key, k -> {
                ObjectNode x = JSON.createObjectNode();
                x.put("port", c.getId().getTag("port"));
                x.put("dataset", c.getId().getTag("dataset"));
                x.put("outcome", c.getId().getTag("outcome"));
                x.put("requests", 0L);
                x.put("rows", 0L);
                x.put("bytes", 0L);
                return x;
            });
            n.put("requests", n.get("requests").asLong() + (long) c.count());
            n.put("rows", n.get("rows").asLong() + (long) sum(PortMeters.ROWS, c));
            n.put("bytes", n.get("bytes").asLong() + (long) sum(PortMeters.BYTES, c));
        }
        byKey.values().forEach(ports::add);
        ObjectNode days = out.putObject("consumersPerDay");
        host.consumers().perDay(address.urn()).forEach((day, n) -> days.put(day.toString(), n));
        return out;
    }

    private double sum(String meter, Counter like) {
        Counter c = host.meterRegistry().find(meter).tags(like.getId().getTags()).counter();
        return c == null ? 0 : c.count();
    }

    private static String negotiate(HttpExchange ex, List<String> offered) {
        return MediaTypes.negotiate(ex.getRequestHeaders().getFirst("Accept"), offered).orElseThrow(() ->
                new BadRequest(406, "Not acceptable", "none of the media types in Accept is served here; "
                        + "this resource is served as " + String.join(", ", offered), "Accept"));
    }

    private void sendJson(HttpExchange ex, JsonNode body, Outcome o) throws IOException {
        send(ex, MediaTypes.JSON, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body), o);
    }

    private void sendHtml(HttpExchange ex, String page, Outcome o) throws IOException {
        // the page loads nothing: the header holds the browser to that even if the page's own meta were lost
        ex.getResponseHeaders().set("Content-Security-Policy", Pages.CONTENT_SECURITY_POLICY);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        send(ex, MediaTypes.HTML, page, o);
    }

    private void send(HttpExchange ex, String type, String body, Outcome o) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "private");
        ex.getResponseHeaders().set("Vary", "Authorization, Accept");
        sendHeaders(ex, 200, bytes.length);
        if (head(ex)) {
            record(o, 0);
            return;
        }
        o.body = new CountingStream(ex.getResponseBody(), guard);
        record(o, bytes.length);
        o.body.write(bytes);
        o.body.flush();
    }

    private void problem(HttpExchange ex, int status, String title, String detail, String parameter,
                         Outcome o) {
        if (ex.getResponseCode() != -1) {
            // the status line is gone: all that can be said now is to cut the response short
            return;
        }
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        p.put("instance", rawPath(ex));
        if (parameter != null) {
            p.put("parameter", parameter);
        }
        try {
            byte[] bytes = JSON.writeValueAsBytes(p);
            ex.getResponseHeaders().set("Content-Type", MediaTypes.PROBLEM);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            sendHeaders(ex, status, bytes.length);
            if (head(ex)) {
                record(o, 0);
                return;
            }
            o.body = new CountingStream(ex.getResponseBody(), guard);
            record(o, bytes.length);
            o.body.write(bytes);
        } catch (IOException e) {
            o.outcome = "aborted";
        }
    }

    private static boolean head(HttpExchange ex) {
        return ex.getRequestMethod().equals("HEAD");
    }

    /** Sends the status and headers; the answer to a HEAD request is those of a GET, with no body. */
    private static void sendHeaders(HttpExchange ex, int status, long length) throws IOException {
        ex.sendResponseHeaders(status, head(ex) ? -1 : length);
    }

    /**
     * The JDK server reads the request line byte by byte as ISO-8859-1, so a client that sends UTF-8
     * without percent-encoding it (curl, hand-written clients) leaves one char per byte in the URI:
     * each is percent-encoded back into the byte it was, so that decoding reads UTF-8 as for an
     * encoded request.
     */
    static String asSent(String raw) {
        if (raw == null || raw.chars().allMatch(c -> c < 0x80)) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x80) {
                out.append(c);
            } else {
                // above U+00FF it did not come from the wire as one byte: encode its UTF-8 bytes
                for (byte b : String.valueOf(c).getBytes(c <= 0xFF ? StandardCharsets.ISO_8859_1
                        : StandardCharsets.UTF_8)) {
                    out.append(String.format("%%%02X", b & 0xFF));
                }
            }
        }
        return out.toString();
    }

    private static String rawPath(HttpExchange ex) {
        return asSent(ex.getRequestURI().getRawPath());
    }

    private static String rawQuery(HttpExchange ex) {
        return asSent(ex.getRequestURI().getRawQuery());
    }

    private static String outcomeOf(int status) {
        return switch (status) {
            case 400, 405, 413, 414 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "denied";
            case 404 -> "not_found";
            case 406 -> "not_acceptable";
            default -> "error";
        };
    }

    private static BadRequest notFound(String detail) {
        return new BadRequest(404, "Not found", detail, null);
    }

    static String productPath(ProductAddress a) {
        return "/products/" + a.domain() + "/" + a.name() + "/v" + a.major();
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                try {
                    out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new BadRequest(400, "Bad request", "the path segment '" + s
                            + "' is not validly percent-encoded", null);
                }
            }
        }
        return out;
    }

    private static Map<String, List<String>> lowerCased(HttpExchange ex) {
        Map<String, List<String>> out = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
        return out;
    }

    /** Counts the body bytes sent, for the bytes meter; each write is guarded against a stalled client. */
    static final class CountingStream extends FilterOutputStream {
        private final StallGuard guard;
        long count;

        CountingStream(OutputStream out, StallGuard guard) {
            super(out);
            this.guard = guard;
        }

        @Override
        public void write(int b) throws IOException {
            guard.write(() -> out.write(b));
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            guard.write(() -> out.write(b, off, len));
            count += len;
        }

        @Override
        public void flush() throws IOException {
            guard.write(out::flush);
        }
    }
}
