package dev.dataproduct.testkit.driver;

import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.core.quality.QualityReport;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Assertions over a run of the driver; a failure shows the published and quarantined rows. */
public final class RunAssert {
    private static final int SHOWN_ROWS = 20;
    private final TestRun run;

    RunAssert(TestRun run) {
        this.run = Objects.requireNonNull(run, "run");
    }

    /** @param rows the rows expected published over all datasets @return this @throws AssertionError otherwise */
    public RunAssert published(long rows) {
        if (run.published() != rows) {
            fail("expected " + rows + " rows published but " + run.published() + " were");
        }
        return this;
    }

    /**
     * @param dataset an output dataset
     * @param rows the rows expected published in it
     * @return this
     * @throws AssertionError otherwise
     */
    public RunAssert published(String dataset, long rows) {
        long actual = run.result().dataset(dataset).published();
        if (actual != rows) {
            fail("expected " + rows + " rows of '" + dataset + "' published but " + actual + " were");
        }
        return this;
    }

    /** @param rows the rows expected quarantined, by inputs and gates @return this @throws AssertionError otherwise */
    public RunAssert quarantined(long rows) {
        if (run.quarantined() != rows) {
            fail("expected " + rows + " rows quarantined but " + run.quarantined() + " were");
        }
        return this;
    }

    /**
     * @param rows the rows expected quarantined for breaking a rule
     * @param rule {@code field:rule} such as {@code quantity:maximum}, or a bare rule such as {@code parse}
     * @return this
     * @throws AssertionError if another number of quarantined rows broke the rule
     */
    public RunAssert quarantined(long rows, String rule) {
        long actual = run.quarantinedRows().stream().filter(r -> r.broke(rule)).count();
        if (actual != rows) {
            fail("expected " + rows + " rows quarantined for " + rule + " but " + actual + " were");
        }
        return this;
    }

    /**
     * @param values some columns of a row and their values, in the SDK's value model
     * @return this
     * @throws AssertionError unless some published row of the only dataset has all of them
     */
    public RunAssert publishedRow(Map<String, ?> values) {
        boolean found = run.rows().stream().anyMatch(row -> values.entrySet().stream()
                .allMatch(e -> Objects.equals(row.get(e.getKey()), e.getValue())));
        if (!found) {
            fail("expected a published row with " + values);
        }
        return this;
    }

    /** @param check a check's name @return this @throws AssertionError unless it passed */
    public RunAssert passed(String check) {
        return outcome(check, Outcome.PASS);
    }

    /** @param check a check's name @return this @throws AssertionError unless it warned */
    public RunAssert warned(String check) {
        return outcome(check, Outcome.WARN);
    }

    /** @param check a check's name @return this @throws AssertionError unless it failed */
    public RunAssert failed(String check) {
        return outcome(check, Outcome.FAIL);
    }

    private RunAssert outcome(String check, Outcome expected) {
        List<QualityReport> reports = run.quality().stream().filter(q -> q.result(check).isPresent()).toList();
        if (reports.size() != 1) {
            fail((reports.isEmpty() ? "no" : "more than one") + " dataset has a check named '" + check
                    + "'; the checks are " + run.quality().stream().flatMap(q -> q.results().stream()
                    .map(r -> q.dataset() + "/" + r.name())).toList());
        }
        QualityAssert.expect(reports.get(0), check, expected, rowsShown());
        return this;
    }

    private void fail(String message) {
        throw new AssertionError(message + rowsShown());
    }

    /** Classified values never appear in a message, not even a test's. */
    private Map<String, Object> masked(String source, Map<String, ?> row) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        row.forEach((column, value) -> out.put(column, value != null && run.isClassified(source, column) ? "***"
                : value));
        return out;
    }

    private String rowsShown() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder(nl);
        for (String dataset : run.result().datasets().stream().map(d -> d.name()).toList()) {
            List<Map<String, Object>> rows = run.rows(dataset);
            sb.append("published rows of '").append(dataset).append("' (").append(rows.size()).append("):").append(nl);
            rows.stream().limit(SHOWN_ROWS).forEach(r -> sb.append("  ").append(masked(dataset, r)).append(nl));
            if (rows.size() > SHOWN_ROWS) {
                sb.append("  ...").append(nl);
            }
        }
        List<QuarantinedRow> quarantined = run.quarantinedRows();
        sb.append("quarantined rows (").append(quarantined.size()).append("):").append(nl);
        quarantined.stream().limit(SHOWN_ROWS).forEach(r -> sb.append("  ").append(r.source()).append(" @ ")
                .append(r.origin()).append(": ").append(r.reasons()).append(' ').append(masked(r.source(), r.values()))
                .append(nl));
        if (quarantined.size() > SHOWN_ROWS) {
            sb.append("  ...").append(nl);
        }
        return sb.toString();
    }
}
