package dev.dataproduct.core.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.api.quality.Severity;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The quality of one dataset: every check's result, in the order of the plan's checks.
 *
 * <pre>{@code
 * QualityReport report = QualityEngine.evaluate(plan, dataset, EvaluationContext.of(Clock.systemUTC()));
 * if (!report.passed()) {
 *     System.err.println(report.summary());
 * }
 * }</pre>
 *
 * @param dataset the dataset checked
 * @param rows the number of rows checked
 * @param results one result per check
 * @param scope which rows the metrics describe: the whole snapshot, or only a run's increment
 */
public record QualityReport(String dataset, long rows, List<CheckResult> results, QualityScope scope) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Validates and copies the components. */
    public QualityReport {
        Objects.requireNonNull(dataset, "dataset");
        results = List.copyOf(results);
        Objects.requireNonNull(scope, "scope");
    }

    /**
     * A report over every row of the dataset ({@link QualityScope#WHOLE_SNAPSHOT}).
     *
     * @param dataset the dataset checked
     * @param rows the number of rows checked
     * @param results one result per check
     */
    public QualityReport(String dataset, long rows, List<CheckResult> results) {
        this(dataset, rows, results, QualityScope.WHOLE_SNAPSHOT);
    }

    /**
     * @return whether no check of {@link Severity#ERROR error} severity failed or could not be
     *     evaluated ({@link Outcome#ERROR}): publication may go on
     */
    public boolean passed() {
        return results.stream().noneMatch(r -> failed(r) && r.check().severity() == Severity.ERROR);
    }

    private static boolean failed(CheckResult r) {
        return r.outcome() == Outcome.FAIL || r.outcome() == Outcome.ERROR;
    }

    /** @return the failed checks and the checks that could not be evaluated, of any severity */
    public List<CheckResult> failures() {
        return results.stream().filter(QualityReport::failed).toList();
    }

    /** @return the checks that warn, and the failed checks of warning or info severity */
    public List<CheckResult> warnings() {
        return results.stream().filter(r -> r.outcome() == Outcome.WARN
                || failed(r) && r.check().severity() != Severity.ERROR).toList();
    }

    /**
     * @param checkName a check's name
     * @return the result of the first check of that name
     */
    public Optional<CheckResult> result(String checkName) {
        return results.stream().filter(r -> r.check().name().equals(checkName)).findFirst();
    }

    /**
     * The report as JSON, with stable field names: {@code dataset}, {@code rows}, {@code scope} (the
     * {@linkplain QualityScope#label() label} of the scope), {@code passed} and
     * {@code results}, each result with {@code check}, {@code metric}, {@code dimension},
     * {@code severity}, {@code threshold}, {@code percent}, {@code anomaly}, {@code value} (null
     * when NaN or infinite), {@code outcome}, {@code failingRows}, {@code firstFailingValues},
     * {@code frequentFailingValues} ({@code value}, {@code count}), {@code failingRowPositions} and
     * {@code message}.
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("dataset", dataset);
        root.put("rows", rows);
        root.put("scope", scope.label());
        root.put("passed", passed());
        ArrayNode list = root.putArray("results");
        for (CheckResult r : results) {
            Check c = r.check();
            ObjectNode n = list.addObject();
            n.put("check", c.name());
            n.put("metric", c.metric().describe());
            n.put("dimension", c.dimension().label());
            n.put("severity", c.severity().label());
            n.put("threshold", c.threshold().toString());
            n.put("percent", c.percent());
            n.put("anomaly", c.anomaly().map(a -> a.kind().name().toLowerCase(java.util.Locale.ROOT)).orElse(null));
            if (Double.isFinite(r.value())) {
                n.put("value", r.value());
            } else {
                n.putNull("value");
            }
            n.put("outcome", r.outcome().name());
            n.put("failingRows", r.failingRows());
            ArrayNode first = n.putArray("firstFailingValues");
            r.firstFailingValues().forEach(first::add);
            ArrayNode frequent = n.putArray("frequentFailingValues");
            for (ValueCount vc : r.frequentFailingValues()) {
                frequent.addObject().put("value", vc.value()).put("count", vc.count());
            }
            ArrayNode positions = n.putArray("failingRowPositions");
            r.failingRowPositions().forEach(positions::add);
            n.put("message", r.message());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A table for the console: one line per check with its name, metric value, threshold, outcome
     * and up to five failing values.
     *
     * @return the table, lines separated by {@code \n}
     */
    public String summary() {
        List<String[]> rowsOut = new ArrayList<>();
        rowsOut.add(new String[] {"check", "value", "threshold", "outcome", "samples"});
        for (CheckResult r : results) {
            Check c = r.check();
            String outcome = failed(r) && c.severity() != Severity.ERROR
                    ? r.outcome().name() + " (" + c.severity().label() + ")" : r.outcome().name();
            rowsOut.add(new String[] {c.name(), Texts.number(r.value()) + (c.percent() ? " %" : ""),
                    c.threshold().toString(), outcome, String.join(", ", r.firstFailingValues())});
        }
        int[] width = new int[5];
        for (String[] row : rowsOut) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.min(Math.max(width[i], row[i].length()), 60);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Quality of '").append(dataset).append("': ").append(rows).append(" rows, ")
                .append(scope == QualityScope.WHOLE_SNAPSHOT ? "" : scope.label() + ", ")
                .append(passed() ? "passed" : "FAILED").append('\n');
        for (int r = 0; r < rowsOut.size(); r++) {
            String[] row = rowsOut.get(r);
            for (int i = 0; i < row.length; i++) {
                String cell = Texts.shorten(row[i], 60);
                sb.append(i == 0 ? "" : " | ").append(cell).append(" ".repeat(width[i] - cell.length()));
            }
            sb.setLength(sb.length() - trailingSpaces(sb));
            sb.append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : width) {
                    total += w;
                }
                sb.append("-".repeat(total + 3 * (width.length - 1))).append('\n');
            }
        }
        return sb.toString();
    }

    private static int trailingSpaces(StringBuilder sb) {
        int n = 0;
        while (n < sb.length() && sb.charAt(sb.length() - 1 - n) == ' ') {
            n++;
        }
        return n;
    }
}
