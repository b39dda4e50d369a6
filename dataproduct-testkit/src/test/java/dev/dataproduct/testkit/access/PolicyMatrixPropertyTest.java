package dev.dataproduct.testkit.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.MaskBinding;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.expr.Function;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.io.ArrowIpcWriter;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SortKey;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotTransaction;
import dev.dataproduct.testkit.conformance.PortConformance;
import dev.dataproduct.testkit.gen.Gen;
import dev.dataproduct.testkit.property.PropertyRunner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * The policy matrix: generated datasets, principals, policies and requests. For every read a
 * plain-Java reference of the policy rules (written from the documentation, sharing no code with
 * the read path) gives the expected outcome, rows and values; the read path must return exactly
 * those. Every difference counts as a leak, and there must be none.
 */
class PolicyMatrixPropertyTest {
    static final ProductAddress PRODUCT = ProductAddress.parse("urn:dataproduct:test:matrix:v1");
    static final DatasetSpec SPEC = DatasetSpec.named("people")
            .field("id", LogicalType.STRING, f -> f.primaryKey())
            .field("region", LogicalType.STRING)
            .field("level", LogicalType.INT64)
            .field("email", LogicalType.STRING, f -> f.classification(Classification.CONFIDENTIAL))
            .field("name", LogicalType.STRING, f -> f.classification(Classification.RESTRICTED))
            .field("birth", LogicalType.DATE)
            .field("note", LogicalType.STRING)
            .build();
    static final List<String> COLUMNS = SPEC.schema().fieldNames();
    static final List<String> REGIONS = List.of("EU", "US", "APAC");
    static final byte[] KEY = "matrix-test-key-0123456789".getBytes(StandardCharsets.UTF_8);
    static final UnaryOperator<Object> REVERSE = v -> new StringBuilder((String) v).reverse().toString();

    // ---- filters with a reference evaluation (SQL three-valued logic, null = unknown) ---------------

    sealed interface F {
        Expr expr();

        Boolean test(Map<String, Object> row, Principal p);
    }

    record RegionIsPrincipal() implements F {
        public Expr expr() {
            return Expr.col("region").eq(Expr.principal("region"));
        }

        public Boolean test(Map<String, Object> row, Principal p) {
            Object attr = p.attribute("region").orElse(null);
            return row.get("region") == null || attr == null ? null : row.get("region").equals(attr);
        }
    }

    record RegionIs(String region) implements F {
        public Expr expr() {
            return Expr.col("region").eq(region);
        }

        public Boolean test(Map<String, Object> row, Principal p) {
            return row.get("region") == null ? null : row.get("region").equals(region);
        }
    }

    record LevelAtLeast(long k) implements F {
        public Expr expr() {
            return Expr.col("level").ge(k);
        }

        public Boolean test(Map<String, Object> row, Principal p) {
            return row.get("level") == null ? null : (Long) row.get("level") >= k;
        }
    }

    record NoteIsNull() implements F {
        public Expr expr() {
            return Expr.col("note").isNull();
        }

        public Boolean test(Map<String, Object> row, Principal p) {
            return row.get("note") == null;
        }
    }

    record Or(F a, F b) implements F {
        public Expr expr() {
            return a.expr().or(b.expr());
        }

        public Boolean test(Map<String, Object> row, Principal p) {
            Boolean x = a.test(row, p);
            Boolean y = b.test(row, p);
            if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
                return true;
            }
            return x == null || y == null ? null : false;
        }
    }

    record And(F a, F b) implements F {
        public Expr expr() {
            return a.expr().and(b.expr());
        }

        public Boolean test(Map<String, Object> row, Principal p) {
            Boolean x = a.test(row, p);
            Boolean y = b.test(row, p);
            if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
                return false;
            }
            return x == null || y == null ? null : true;
        }
    }

    static F filter(Random r, boolean principalAware) {
        int pick = r.nextInt(principalAware ? 6 : 5);
        switch (pick) {
            case 0: return new RegionIs(REGIONS.get(r.nextInt(3)));
            case 1: return new LevelAtLeast(r.nextInt(6));
            case 2: return new NoteIsNull();
            case 3: return new Or(filter(r, principalAware), filter(r, principalAware));
            case 4: return new And(new LevelAtLeast(r.nextInt(4)), new RegionIs(REGIONS.get(r.nextInt(3))));
            default: return new RegionIsPrincipal();
        }
    }

    static Set<String> columnsOf(F f) {
        return f.expr().columns();
    }

    // ---- the generated scenario -----------------------------------------------------------------------

    record Scenario(List<Map<String, Object>> rows, Policy policy, List<Principal> principals,
                    List<Request> requests) {
        @Override
        public String toString() {
            return rows.size() + " rows, " + policy.grants().size() + " grants " + policy.grants() + ", masks "
                    + policy.masks() + ", principals " + principals + ", requests " + requests;
        }
    }

    record Request(List<String> columns, Optional<F> filter, List<SortKey> order, Optional<Long> limit) {
        ReadRequest toRequest() {
            ReadRequest.Builder b = ReadRequest.of("people").columns(columns.toArray(String[]::new))
                    .orderBy(order.toArray(SortKey[]::new));
            filter.ifPresent(f -> b.where(f.expr()));
            limit.ifPresent(b::limit);
            return b.build();
        }
    }

    static String text(Random r) {
        String letters = "abcdefgXYZ\u00e9\u00df";
        int n = r.nextInt(8);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(letters.charAt(r.nextInt(letters.length())));
        }
        if (r.nextInt(10) == 0) {
            s.append("\uD83D\uDE00");
        }
        return s.toString();
    }

    static <T> T maybe(Random r, T value) {
        return r.nextInt(6) == 0 ? null : value;
    }

    static List<Map<String, Object>> rows(Random r) {
        int n = r.nextInt(40);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", "r" + i);
            row.put("region", maybe(r, REGIONS.get(r.nextInt(3))));
            row.put("level", maybe(r, (long) r.nextInt(6)));
            row.put("email", maybe(r, r.nextInt(5) == 0 ? text(r) : text(r) + "@" + text(r) + ".example"));
            row.put("name", maybe(r, text(r)));
            row.put("birth", maybe(r, LocalDate.of(1990 + r.nextInt(30), 1 + r.nextInt(12), 1 + r.nextInt(28))));
            row.put("note", maybe(r, text(r)));
            out.add(row);
        }
        return out;
    }

    static Mask mask(Random r, LogicalType type, String column) {
        if (type.equals(LogicalType.INT64)) {
            return List.of(Mask.nullify(), Mask.redact(7), Mask.typeDefault(),
                    Mask.computed(Expr.col(column).modulo(2))).get(r.nextInt(4));
        } else if (type.equals(LogicalType.DATE)) {
            return List.of(Mask.nullify(), Mask.yearOnly(), Mask.typeDefault(),
                    Mask.redact(LocalDate.of(2000, 1, 1))).get(r.nextInt(4));
        }
        List<Mask> strings = List.of(Mask.nullify(), Mask.redact("X"), Mask.showFirst(r.nextInt(4)),
                Mask.showLast(r.nextInt(4)), Mask.email(), Mask.keyedHash("k"), Mask.typeDefault(),
                Mask.custom("reverse", REVERSE));
        // a computed mask is bound to one column: it reads that column
        return column != null && r.nextInt(9) == 0 ? Mask.computed(Expr.call(Function.UPPER, Expr.col(column)))
                : strings.get(r.nextInt(strings.size()));
    }

    static MaskBinding binding(Random r) {
        switch (r.nextInt(4)) {
            case 0: return new MaskBinding(Target.tag("pii"), mask(r, LogicalType.STRING, null));
            case 1: return new MaskBinding(Target.tag("free"), mask(r, LogicalType.STRING, null));
            case 2: return new MaskBinding(Target.classification(r.nextBoolean() ? Classification.CONFIDENTIAL
                    : Classification.RESTRICTED), mask(r, LogicalType.STRING, null));
            default:
                Field f = SPEC.schema().fields().get(r.nextInt(COLUMNS.size()));
                return new MaskBinding(Target.field(f.name()), mask(r, f.type(), f.name()));
        }
    }

    static Target unmaskTarget(Random r) {
        return List.of(Target.field("name"), Target.field("email"), Target.tag("pii"), Target.tag("free"),
                Target.classification(Classification.RESTRICTED), Target.field("level")).get(r.nextInt(6));
    }

    static Set<String> someColumns(Random r) {
        Set<String> out = new LinkedHashSet<>();
        int n = 1 + r.nextInt(COLUMNS.size());
        for (int i = 0; i < n; i++) {
            out.add(COLUMNS.get(r.nextInt(COLUMNS.size())));
        }
        return out;
    }

    static Policy policy(Random r) {
        Policy.Builder b = Policy.forDataset("people").tag("pii", "email", "name").tag("free", "note");
        for (int i = r.nextInt(4); i > 0; i--) {
            MaskBinding m = binding(r);
            b.mask(m.target(), m.mask());
        }
        int grants = 1 + r.nextInt(3);
        for (int g = 0; g < grants; g++) {
            Audience audience = r.nextInt(4) == 0 ? Audience.where(Expr.principal("region").eq(REGIONS.get(r.nextInt(3))))
                    : Audience.role("r" + r.nextInt(3));
            Grant.Builder grant = Grant.to(audience).named("g" + g);
            if (r.nextInt(3) > 0) {
                grant.rows(remember(filter(r, true)).expr());
            }
            if (r.nextBoolean()) {
                grant.allColumns();
            } else {
                grant.columns(someColumns(r).toArray(String[]::new));
            }
            for (int u = r.nextInt(3); u > 0; u--) {
                grant.unmask(unmaskTarget(r));
            }
            if (r.nextInt(3) == 0) {
                MaskBinding m = binding(r);
                grant.mask(m.target(), m.mask());
            }
            b.grant(grant);
        }
        return b.build();
    }

    /** Keeps the row filters as reference filters, by regenerating them from the same draws. */
    static final Map<Expr, F> FILTERS = new HashMap<>();

    static F remember(F f) {
        FILTERS.put(f.expr(), f);
        return f;
    }

    static Principal principal(Random r, int i) {
        Set<String> roles = new LinkedHashSet<>();
        for (int k = 0; k < 3; k++) {
            if (r.nextInt(3) == 0) {
                roles.add("r" + k);
            }
        }
        Map<String, Object> attributes = r.nextInt(4) == 0 ? Map.of() : Map.of("region", REGIONS.get(r.nextInt(3)));
        return new Principal("p" + i, roles, attributes);
    }

    static Request request(Random r) {
        List<String> columns = r.nextBoolean() ? List.of() : List.copyOf(someColumns(r));
        Optional<F> filter = r.nextBoolean() ? Optional.of(remember(filter(r, true))) : Optional.empty();
        List<SortKey> order = new ArrayList<>();
        if (r.nextBoolean()) {
            for (String c : someColumns(r)) {
                if (order.size() < 2) {
                    order.add(r.nextBoolean() ? SortKey.asc(c) : SortKey.desc(c));
                }
            }
        }
        Optional<Long> limit = r.nextBoolean() ? Optional.of((long) 1 + r.nextInt(6)) : Optional.empty();
        return new Request(columns, filter, order, limit);
    }

    static final Gen<Scenario> SCENARIOS = r -> {
        List<Map<String, Object>> rows = rows(r);
        Policy policy = policy(r);
        List<Principal> principals = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            principals.add(principal(r, i));
        }
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(request(r));
        }
        return new Scenario(rows, policy, principals, requests);
    };

    // ---- the reference implementation of the documented rules ---------------------------------------

    /** The expected outcome: rows, or "denied" / "refused". */
    record Expected(List<Map<String, Object>> rows, String failure) {
    }

    static final class Reference {
        final Scenario s;
        final Map<String, F> rowFilters = new HashMap<>();

        Reference(Scenario s) {
            this.s = s;
        }

        boolean isFor(Grant g, Principal p) {
            if (g.audience() instanceof Audience.Role role) {
                return p.roles().contains(role.name());
            }
            Audience.Attributes a = (Audience.Attributes) g.audience();
            // the only attribute audience generated: principal.region = 'X'
            Object want = ((Expr.Literal) ((Expr.Compare) a.predicate()).right()).value();
            return want.equals(p.attributes().get("region"));
        }

        boolean covers(Target t, Field f) {
            if (t instanceof Target.FieldTarget ft) {
                return ft.name().equals(f.name());
            } else if (t instanceof Target.TagTarget tt) {
                return s.policy().tags().get(tt.name()).contains(f.name());
            }
            return ((Target.ClassificationTarget) t).classification() == f.classification();
        }

        Optional<Mask> first(List<MaskBinding> bindings, Field f) {
            for (int kind = 0; kind < 3; kind++) {
                for (MaskBinding b : bindings) {
                    int k = b.target() instanceof Target.FieldTarget ? 0 : b.target() instanceof Target.TagTarget ? 1 : 2;
                    if (k == kind && covers(b.target(), f)) {
                        return Optional.of(b.mask());
                    }
                }
            }
            return Optional.empty();
        }

        /** Empty for clear. */
        Optional<Mask> maskOf(Grant g, Field f) {
            if (g.unmasked().stream().anyMatch(t -> covers(t, f))) {
                return Optional.empty();
            }
            Optional<Mask> m = first(g.masks(), f);
            if (m.isEmpty()) {
                m = first(s.policy().masks(), f);
            }
            if (m.isEmpty() && (f.classification() == Classification.CONFIDENTIAL
                    || f.classification() == Classification.RESTRICTED)) {
                m = Optional.of(Mask.nullify());
            }
            return m;
        }

        static Object apply(Mask m, Object v, Map<String, Object> row) {
            if (v == null || m instanceof Mask.Nullify) {
                return null;
            } else if (m instanceof Mask.Redact red) {
                return red.replacement();
            } else if (m instanceof Mask.ShowFirst sf) {
                int[] cps = ((String) v).codePoints().toArray();
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < cps.length; i++) {
                    out.append(i < sf.count() ? new String(Character.toChars(cps[i])) : "*");
                }
                return out.toString();
            } else if (m instanceof Mask.ShowLast sl) {
                int[] cps = ((String) v).codePoints().toArray();
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < cps.length; i++) {
                    out.append(i >= cps.length - sl.count() ? new String(Character.toChars(cps[i])) : "*");
                }
                return out.toString();
            } else if (m instanceof Mask.Email) {
                String s = (String) v;
                int at = s.lastIndexOf('@');
                return at < 1 ? "***" : new String(Character.toChars(s.codePointAt(0))) + "***" + s.substring(at);
            } else if (m instanceof Mask.YearOnly) {
                return LocalDate.of(((LocalDate) v).getYear(), 1, 1);
            } else if (m instanceof Mask.KeyedHash) {
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
                    return HexFormat.of().formatHex(mac.doFinal(((String) v).getBytes(StandardCharsets.UTF_8)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            } else if (m instanceof Mask.TypeDefault) {
                return v instanceof String ? "" : v instanceof Long ? 0L : LocalDate.of(1970, 1, 1);
            } else if (m instanceof Mask.Custom c) {
                return c.function().apply(v);
            }
            Expr e = ((Mask.Computed) m).expression();
            if (e instanceof Expr.Call call) {
                return ((String) v).toUpperCase(Locale.ROOT);
            }
            return (Long) v % 2;
        }

        Expected expected(Principal p, Request q, boolean withLimit) {
            List<Grant> matched = s.policy().grants().stream().filter(g -> isFor(g, p)).toList();
            if (matched.isEmpty()) {
                return new Expected(null, "denied");
            }
            List<Field> visible = SPEC.schema().fields().stream()
                    .filter(f -> matched.stream().anyMatch(g -> g.shows(f.name()))).toList();
            Set<String> visibleNames = new LinkedHashSet<>();
            visible.forEach(f -> visibleNames.add(f.name()));
            Set<String> named = new LinkedHashSet<>(q.columns());
            q.filter().ifPresent(f -> named.addAll(columnsOf(f)));
            q.order().forEach(k -> named.add(k.column()));
            if (!visibleNames.containsAll(named)) {
                return new Expected(null, "refused");
            }
            List<Map<String, Object>> seen = new ArrayList<>();
            for (Map<String, Object> row : s.rows()) {
                List<Grant> admitting = matched.stream().filter(g -> g.rows().isEmpty()
                        || Boolean.TRUE.equals(FILTERS.get(g.rows().get()).test(row, p))).toList();
                if (admitting.isEmpty()) {
                    continue;
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (Field f : visible) {
                    List<Grant> showing = admitting.stream().filter(g -> g.shows(f.name())).toList();
                    Object value = null;
                    if (showing.stream().anyMatch(g -> maskOf(g, f).isEmpty())) {
                        value = row.get(f.name());
                    } else if (!showing.isEmpty()) {
                        value = apply(maskOf(showing.get(0), f).orElseThrow(), row.get(f.name()), row);
                    }
                    out.put(f.name(), value);
                }
                seen.add(out);
            }
            List<Map<String, Object>> wanted = new ArrayList<>();
            for (Map<String, Object> row : seen) {
                if (q.filter().isEmpty() || Boolean.TRUE.equals(q.filter().get().test(row, p))) {
                    wanted.add(row);
                }
            }
            if (!q.order().isEmpty()) {
                Comparator<Map<String, Object>> c = null;
                for (SortKey k : q.order()) {
                    Comparator<Map<String, Object>> byKey = (a, b) -> compare(a.get(k.column()), b.get(k.column()),
                            k.descending());
                    c = c == null ? byKey : c.thenComparing(byKey);
                }
                wanted.sort(c); // List.sort is stable: ties keep stored order
            }
            if (withLimit && q.limit().isPresent()) {
                wanted = wanted.subList(0, (int) Math.min(wanted.size(), q.limit().get()));
            }
            List<String> columns = q.columns().isEmpty() ? List.copyOf(visibleNames) : q.columns();
            List<Map<String, Object>> projected = new ArrayList<>();
            for (Map<String, Object> row : wanted) {
                Map<String, Object> out = new LinkedHashMap<>();
                columns.forEach(c -> out.put(c, row.get(c)));
                projected.add(out);
            }
            return new Expected(projected, null);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        static int compare(Object a, Object b, boolean descending) {
            if (a == null || b == null) {
                return a == b ? 0 : a == null ? 1 : -1;
            }
            int c = ((Comparable) a).compareTo(b);
            return descending ? -c : c;
        }
    }

    // ---- the property ---------------------------------------------------------------------------------

    int reads;
    int denied;
    int refused;
    int pages;
    int leaks;

    @Test
    void theReadPathReturnsExactlyWhatThePolicyAllows() {
        PropertyRunner<Scenario> runner = PropertyRunner.forAll(SCENARIOS).trials(40);
        try {
            runner.check(this::holds);
        } finally {
            System.out.println("policy matrix (seed " + runner.seed() + "): " + reads + " reads checked ("
                    + denied + " denied, " + refused + " refused, " + pages + " resumed pages), " + leaks + " leaks");
        }
        assertEquals(0, leaks, "leaks; seed " + runner.seed());
        assertTrue(reads > 500, "only " + reads + " reads checked; seed " + runner.seed());
        assertTrue(denied > 0 && refused > 0 && pages > 0, "the matrix must cover denials, refusals and paging");
    }

    private boolean holds(Scenario s) throws Exception {
        // row filters of grants are rebuilt from their expressions
        s.policy().grants().forEach(g -> g.rows().ifPresent(e -> {
            if (!FILTERS.containsKey(e)) {
                throw new IllegalStateException("unknown filter " + e);
            }
        }));
        Reference reference = new Reference(s);
        try (BufferAllocator allocator = new RootAllocator()) {
            InMemorySnapshotStore store = new InMemorySnapshotStore();
            try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
                ArrowIpcWriter data = tx.dataset("people", SPEC.schema().toArrow());
                for (int from = 0; from < s.rows().size(); from += 16) {
                    try (VectorSchemaRoot batch = BatchBuilder.fromRows(SPEC.schema(),
                            s.rows().subList(from, Math.min(s.rows().size(), from + 16)), allocator)) {
                        data.write(batch);
                    }
                }
                tx.commit("1.0.0", Instant.EPOCH);
            }
            ProductReader reader = ProductReader.builder(store, PRODUCT).dataset(SPEC, s.policy())
                    .allocator(allocator).hashKey("k", KEY).batchSize(8).build();
            for (Principal p : s.principals()) {
                for (Request q : s.requests()) {
                    Expected want = reference.expected(p, q, true);
                    Expected got = read(reader, p, q.toRequest());
                    reads++;
                    if (want.failure() != null) {
                        denied += "denied".equals(want.failure()) ? 1 : 0;
                        refused += "refused".equals(want.failure()) ? 1 : 0;
                    }
                    if (!same(want, got)) {
                        leaks++;
                        throw new AssertionError("principal " + p + ", request " + q + ": expected " + want
                                + " but the read path gave " + got + "; masks by grant " + masksByGrant(s.policy()));
                    }
                    if (want.failure() == null && q.limit().isPresent()) {
                        pagedMatches(reader, p, q, reference.expected(p, q, false));
                    }
                }
            }
        }
        return true;
    }

    private static String masksByGrant(Policy policy) {
        StringBuilder out = new StringBuilder();
        for (Grant g : policy.grants()) {
            out.append(g.name()).append(':');
            SPEC.schema().fields().forEach(f -> out.append(' ').append(f.name()).append('=')
                    .append(policy.maskFor(g, f).map(Object::toString).orElse("clear")));
            out.append("; ");
        }
        return out.toString();
    }

    /** Equal outcomes, rows and values, with the columns in the same order. */
    private static boolean same(Expected want, Expected got) {
        if (!want.equals(got)) {
            return false;
        }
        for (int i = 0; want.rows() != null && i < want.rows().size(); i++) {
            if (!List.copyOf(want.rows().get(i).keySet()).equals(List.copyOf(got.rows().get(i).keySet()))) {
                return false;
            }
        }
        return true;
    }

    private void pagedMatches(ProductReader reader, Principal p, Request q, Expected whole) {
        List<Map<String, Object>> all = new ArrayList<>();
        ReadRequest request = q.toRequest();
        while (true) {
            Optional<String> next;
            try (ReadResult result = reader.read(p, request)) {
                while (result.next()) {
                    all.addAll(PortConformance.rowsOf(result.batch()));
                }
                next = result.resumeCursor();
            }
            reads++;
            if (next.isEmpty()) {
                break;
            }
            pages++;
            request = request.after(next.get());
        }
        if (!whole.rows().equals(all)) {
            leaks++;
            throw new AssertionError("principal " + p + ", request " + q + " paged: expected " + whole.rows()
                    + " but pages gave " + all);
        }
    }

    private static Expected read(ProductReader reader, Principal p, ReadRequest request) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ReadResult result = reader.read(p, request)) {
            while (result.next()) {
                rows.addAll(PortConformance.rowsOf(result.batch()));
            }
        } catch (AccessDeniedException e) {
            return new Expected(null, "denied");
        } catch (InvalidRequestException e) {
            return new Expected(null, "refused");
        }
        return new Expected(rows, null);
    }
}
