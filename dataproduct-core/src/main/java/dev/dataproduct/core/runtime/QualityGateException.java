package dev.dataproduct.core.runtime;

import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.QualityReport;
import java.util.List;

/**
 * A run's output failed an error-severity quality check, so nothing was published. The reports of
 * every dataset say which checks failed, with their values and samples of the failing values.
 */
public class QualityGateException extends DataProductException {
    private static final long serialVersionUID = 1L;

    private final transient List<QualityReport> reports;

    /**
     * @param product the product's address
     * @param reports the quality reports of every output dataset of the run
     */
    public QualityGateException(String product, List<QualityReport> reports) {
        super(message(product, reports));
        this.reports = List.copyOf(reports);
    }

    private static String message(String product, List<QualityReport> reports) {
        StringBuilder sb = new StringBuilder(product + ": quality checks failed, nothing was published:");
        for (QualityReport r : reports) {
            for (CheckResult c : r.failures()) {
                if (c.check().severity() == dev.dataproduct.api.quality.Severity.ERROR) {
                    sb.append(System.lineSeparator()).append("  - ").append(r.dataset()).append(", check '").append(c.name())
                            .append("': ").append(c.message());
                }
            }
        }
        return sb.toString();
    }

    /** @return the quality reports of every output dataset of the run */
    public List<QualityReport> reports() {
        return reports;
    }
}
