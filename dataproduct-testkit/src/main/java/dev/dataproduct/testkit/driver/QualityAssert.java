package dev.dataproduct.testkit.driver;

import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.QualityReport;
import java.util.Optional;

/** Assertions over the quality report of one dataset; a failure shows the whole report. */
public final class QualityAssert {
    private final QualityReport report;

    QualityAssert(QualityReport report) {
        this.report = java.util.Objects.requireNonNull(report, "report");
    }

    /** @param check a check's name @return this @throws AssertionError unless the check passed */
    public QualityAssert passed(String check) {
        expect(report, check, Outcome.PASS, "");
        return this;
    }

    /** @param check a check's name @return this @throws AssertionError unless the check warned */
    public QualityAssert warned(String check) {
        expect(report, check, Outcome.WARN, "");
        return this;
    }

    /** @param check a check's name @return this @throws AssertionError unless the check failed */
    public QualityAssert failed(String check) {
        expect(report, check, Outcome.FAIL, "");
        return this;
    }

    /** Fails unless the named check of the report had the outcome; {@code context} is appended to the message. */
    static void expect(QualityReport report, String check, Outcome expected, String context) {
        Optional<CheckResult> result = report.result(check);
        if (result.isEmpty()) {
            throw new AssertionError("dataset '" + report.dataset() + "' has no check named '" + check
                    + "'; its checks are " + report.results().stream().map(CheckResult::name).toList() + context);
        }
        if (result.get().outcome() != expected) {
            throw new AssertionError("expected check '" + check + "' of dataset '" + report.dataset() + "' to "
                     + verb(expected) + " but it " + past(result.get().outcome()) + " with value " + result.get().value()
                    + System.lineSeparator() + report.summary() + context);
        }
    }

    private static String verb(Outcome outcome) {
        return switch (outcome) {
            case PASS -> "pass";
            case WARN -> "warn";
            case FAIL -> "fail";
            case ERROR -> "end in an error";
        };
    }

    private static String past(Outcome outcome) {
        return switch (outcome) {
            case PASS -> "passed";
            case WARN -> "warned";
            case FAIL -> "failed";
            case ERROR -> "could not be computed";
        };
    }
}
