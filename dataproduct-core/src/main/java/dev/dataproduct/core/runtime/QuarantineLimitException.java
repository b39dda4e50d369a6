package dev.dataproduct.core.runtime;

import dev.dataproduct.api.error.DataProductException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A run quarantined more of a dataset's rows than the dataset's
 * {@link dev.dataproduct.api.schema.DatasetSpec#maxQuarantinedShare() limit} allows, so nothing was
 * committed: so many bad rows say that the delivery or the transform is broken, and publishing the
 * rest would hide it. The rows counted are those the transform emitted plus those the dataset's
 * inputs could not read.
 */
public class QuarantineLimitException extends DataProductException {
    private static final long serialVersionUID = 1L;
    private static final int TOP_REASONS = 5;

    private final String dataset;
    private final long rows;
    private final long quarantined;
    private final double limit;

    /**
     * @param product the product's address
     * @param dataset the dataset over its limit
     * @param rows the dataset's rows in the run, unreadable input rows included
     * @param quarantined how many of them were quarantined
     * @param limit the dataset's largest share of quarantined rows
     * @param reasons quarantined rows per reason, most frequent first
     */
    public QuarantineLimitException(String product, String dataset, long rows, long quarantined, double limit,
                                    Map<String, Long> reasons) {
        super(message(product, dataset, rows, quarantined, limit, reasons));
        this.dataset = dataset;
        this.rows = rows;
        this.quarantined = quarantined;
        this.limit = limit;
    }

    /**
     * Whether a run that quarantined {@code quarantined} of {@code rows} rows stays within a limit.
     * Judged in exact decimal arithmetic on the limit as written (0.1 is one tenth, not the double
     * nearest to it), so a share exactly at the limit passes.
     *
     * @param rows the rows of the run
     * @param quarantined how many of them were quarantined
     * @param limit the largest share allowed, from 0 to 1
     * @return whether {@code quarantined / rows <= limit}; true when there are no rows
     */
    public static boolean within(long rows, long quarantined, double limit) {
        return BigDecimal.valueOf(quarantined).compareTo(BigDecimal.valueOf(limit).multiply(BigDecimal.valueOf(rows)))
                <= 0;
    }

    private static String message(String product, String dataset, long rows, long quarantined, double limit,
                                  Map<String, Long> reasons) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder(product).append(": dataset '").append(dataset).append("' quarantined ")
                .append(quarantined).append(" of ").append(rows).append(" rows (").append(percent(quarantined, rows))
                .append("), more than its limit of ").append(percent(limit)).append("; nothing was committed.")
                .append(nl).append("Most frequent reasons:");
        reasons.entrySet().stream().limit(TOP_REASONS).forEach(e -> sb.append(nl).append("  ")
                .append(e.getValue()).append("  ").append(e.getKey()));
        if (reasons.size() > TOP_REASONS) {
            sb.append(nl).append("  (").append(reasons.size() - TOP_REASONS).append(" more)");
        }
        return sb.append(nl).append("Fix the input or the transform; if this share of bad rows is expected, raise the ")
                .append("limit in the dataset's definition: DatasetSpec.named(\"").append(dataset)
                .append("\").maxQuarantinedShare(").append(BigDecimal.valueOf(quarantined)
                        .divide(BigDecimal.valueOf(rows), 2, RoundingMode.CEILING).toPlainString())
                .append(") or more.").toString();
    }

    private static String percent(long part, long whole) {
        return BigDecimal.valueOf(part).movePointRight(2).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "%";
    }

    private static String percent(double share) {
        return BigDecimal.valueOf(share).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** @return the dataset over its limit */
    public String dataset() {
        return dataset;
    }

    /** @return the dataset's rows in the run, unreadable input rows included */
    public long rows() {
        return rows;
    }

    /** @return how many of them were quarantined */
    public long quarantined() {
        return quarantined;
    }

    /** @return the dataset's largest share of quarantined rows */
    public double limit() {
        return limit;
    }
}
