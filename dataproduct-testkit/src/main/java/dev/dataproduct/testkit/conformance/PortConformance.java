package dev.dataproduct.testkit.conformance;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Checks that a port returns exactly what the read path returns: for every principal and request
 * given, the same denial, or the same rows with the same columns and values (in the same order
 * when the request has an order; as the same multiset when it has none). Built-in ports and ports
 * users write run the same check, so a policy is one truth on every port.
 *
 * <pre>{@code
 * ConformanceReport report = PortConformance.against(reader)
 *     .principals(counselor, office, Principal.of("nobody"))      // include one that is denied
 *     .requests(ReadRequest.of("students").build(),
 *               ReadRequest.of("students").columns("id", "email").limit(10).build())
 *     .check((principal, request) -> restClient.get(principal, request));
 * report.assertPassed();
 * }</pre>
 */
public final class PortConformance {
    private final ProductReader reference;
    private final List<Principal> principals = new ArrayList<>();
    private final List<ReadRequest> requests = new ArrayList<>();

    private PortConformance(ProductReader reference) {
        this.reference = Objects.requireNonNull(reference, "reference");
    }

    /**
     * @param reader the read path of the product the port serves
     * @return a check to configure
     */
    public static PortConformance against(ProductReader reader) {
        return new PortConformance(reader);
    }

    /** @param values who reads; include one the policy denies @return this check */
    public PortConformance principals(Principal... values) {
        principals.addAll(Arrays.asList(values));
        return this;
    }

    /** @param values what is read @return this check */
    public PortConformance requests(ReadRequest... values) {
        requests.addAll(Arrays.asList(values));
        return this;
    }

    /**
     * Reads every request as every principal through the read path and through the port.
     *
     * @param port the port's read
     * @return the report
     */
    public ConformanceReport check(PortRead port) {
        if (principals.isEmpty() || requests.isEmpty()) {
            throw new IllegalStateException("give at least one principal and one request to check");
        }
        List<String> mismatches = new ArrayList<>();
        int reads = 0;
        for (Principal p : principals) {
            for (int r = 0; r < requests.size(); r++) {
                ReadRequest request = requests.get(r);
                reads++;
                String where = "principal '" + p.id() + "', request " + (r + 1) + " (" + request.dataset() + ")";
                Outcome expected = outcome(() -> readPath(p, request));
                Outcome actual = outcome(() -> normalized(port.read(p, request)));
                compare(where, expected, actual, !request.order().isEmpty()).ifPresent(mismatches::add);
            }
        }
        return new ConformanceReport(reads, mismatches);
    }

    private List<Map<String, Object>> readPath(Principal p, ReadRequest request) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ReadResult result = reference.read(p, request)) {
            while (result.next()) {
                rows.addAll(rowsOf(result.batch()));
            }
        }
        return rows;
    }

    /**
     * @param batch a batch
     * @return its rows as maps in the SDK's value model, in order
     */
    public static List<Map<String, Object>> rowsOf(VectorSchemaRoot batch) {
        List<Map<String, Object>> out = new ArrayList<>();
        RowView view = RowView.over(batch);
        for (int i = 0; i < batch.getRowCount(); i++) {
            out.add(view.at(i).toMap());
        }
        return out;
    }

    private interface Read {
        List<Map<String, Object>> rows() throws Exception;
    }

    /** Rows, or the kind of failure: {@code denied} or an exception class name. */
    private record Outcome(List<Map<String, Object>> rows, String failure) {
    }

    private static Outcome outcome(Read read) {
        try {
            return new Outcome(read.rows(), null);
        } catch (AccessDeniedException e) {
            return new Outcome(null, "denied");
        } catch (Exception e) {
            return new Outcome(null, e.getClass().getSimpleName());
        }
    }

    private static List<Map<String, Object>> normalized(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new LinkedHashMap<>();
            row.forEach((k, v) -> copy.put(k, v instanceof Integer || v instanceof Short || v instanceof Byte
                    ? Long.valueOf(((Number) v).longValue()) : v instanceof Float f ? Double.valueOf(f) : v));
            out.add(copy);
        }
        return out;
    }

    private static java.util.Optional<String> compare(String where, Outcome expected, Outcome actual,
                                                      boolean ordered) {
        if (expected.failure() != null || actual.failure() != null) {
            if (Objects.equals(expected.failure(), actual.failure())) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(where + ": the read path "
                    + (expected.failure() == null ? "returns " + expected.rows().size() + " rows" : "fails: "
                    + expected.failure()) + ", the port " + (actual.failure() == null ? "returns "
                    + actual.rows().size() + " rows" : "fails: " + actual.failure()));
        }
        List<Map<String, Object>> want = expected.rows();
        List<Map<String, Object>> got = actual.rows();
        if (want.size() != got.size()) {
            return java.util.Optional.of(where + ": the port returns " + got.size() + " rows, the read path "
                    + want.size());
        }
        if (!ordered) {
            // without an order a port may return rows in any order: compare as multisets
            Comparator<Map<String, Object>> byText = Comparator.comparing(Object::toString);
            want = new ArrayList<>(want);
            got = new ArrayList<>(got);
            want.sort(byText);
            got.sort(byText);
        }
        for (int i = 0; i < want.size(); i++) {
            Map<String, Object> w = want.get(i);
            Map<String, Object> g = got.get(i);
            if (!w.keySet().equals(g.keySet())) {
                return java.util.Optional.of(where + ": row " + (i + 1) + " has columns " + g.keySet()
                        + ", the read path " + w.keySet());
            }
            for (String column : w.keySet()) {
                if (!Objects.equals(w.get(column), g.get(column))) {
                    return java.util.Optional.of(where + ": row " + (i + 1) + (ordered ? "" : " (sorted)")
                            + ", column '" + column + "' differs from the read path");
                }
            }
        }
        return java.util.Optional.empty();
    }
}
