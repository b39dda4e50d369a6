package dev.dataproduct.core.runtime;

import dev.dataproduct.api.port.SnapshotInfo;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.QualityReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The record of one run of a product: the committed snapshot and where it lies, what happened to
 * every row, why rows were quarantined (counts by field and rule, and a bounded sample), and any
 * delivery port that failed to deliver the committed snapshot.
 *
 * <p>Rows in = rows published + rows quarantined, always: {@link #rowsIn()} counts rows that reached
 * the contract gate plus rows the input ports could not read.
 *
 * @param productAddress the product's address
 * @param productVersion the product version that ran
 * @param snapshot the committed snapshot
 * @param location where the snapshot lies
 * @param startedAt when the run started, by the runtime's clock
 * @param duration how long it took
 * @param datasets what happened to each output dataset
 * @param inputs what each input gave
 * @param violations quarantined rows per reason, such as {@code quantity: minimum} or
 *     {@code orders: parse}, most frequent first
 * @param samples the first quarantined rows, at most {@link ProductRuntime#SAMPLE_SIZE}
 * @param deliveries what each delivery port did with the snapshot, in the order of the ports
 * @param quality the quality report of each output dataset that has checks
 */
public record RunResult(String productAddress, String productVersion, SnapshotInfo snapshot, String location,
                        Instant startedAt, Duration duration, List<DatasetStats> datasets, List<InputStats> inputs,
                        Map<String, Long> violations, List<RejectedRow> samples, List<PortOutcome> deliveries,
                        List<QualityReport> quality) {

    /** Validates and copies the components. */
    public RunResult {
        Objects.requireNonNull(productAddress, "productAddress");
        Objects.requireNonNull(productVersion, "productVersion");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        datasets = List.copyOf(datasets);
        inputs = List.copyOf(inputs);
        violations = Collections.unmodifiableMap(new LinkedHashMap<>(violations));
        samples = List.copyOf(samples);
        deliveries = List.copyOf(deliveries);
        quality = List.copyOf(quality);
    }

    /** How a run that committed its snapshot ended. */
    public enum Status {
        /** Every delivery port delivered the snapshot. */
        SUCCEEDED,
        /** A delivery port failed, none of them required: the run succeeded, the port can be redelivered. */
        PARTIALLY_DELIVERED,
        /**
         * A required delivery port failed. The snapshot stays committed and current, and
         * {@link ProductRuntime#run} threw a {@link DeliveryException} carrying this result.
         */
        FAILED
    }

    /** @return how the run ended, from its deliveries */
    public Status status() {
        if (deliveries.stream().anyMatch(d -> d.required() && d.failed())) {
            return Status.FAILED;
        }
        return deliveries.stream().anyMatch(PortOutcome::failed) ? Status.PARTIALLY_DELIVERED : Status.SUCCEEDED;
    }

    /** @return the report of every join of the run's composite transforms, dataset by dataset */
    public List<dev.dataproduct.api.join.JoinReport> joins() {
        return datasets.stream().flatMap(d -> d.joins().stream()).toList();
    }

    /** @return the delivery ports that failed, each as {@code name: reason} */
    public List<String> portFailures() {
        return deliveries.stream().filter(PortOutcome::failed).map(d -> d.port() + ": " + d.error().orElseThrow())
                .toList();
    }

    /**
     * @param port a delivery port's name
     * @return what it did with the snapshot
     * @throws IllegalArgumentException if the product has no such delivery port
     */
    public PortOutcome delivery(String port) {
        return deliveries.stream().filter(d -> d.port().equals(port)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no delivery port '" + port + "' in this run; ports are "
                        + deliveries.stream().map(PortOutcome::port).toList()));
    }

    /** @return rows that reached the contract gate plus rows the inputs could not read */
    public long rowsIn() {
        return datasets.stream().mapToLong(DatasetStats::rowsIn).sum()
                + inputs.stream().mapToLong(InputStats::rejected).sum();
    }

    /** @return rows committed in the snapshot, over all datasets */
    public long published() {
        return datasets.stream().mapToLong(DatasetStats::published).sum();
    }

    /** @return events dropped because the product or the run already had their id (see {@code UpdateMode.events}) */
    public long duplicates() {
        return datasets.stream().mapToLong(DatasetStats::duplicates).sum();
    }

    /** @return rows kept in the quarantine, by the gate or by the inputs */
    public long quarantined() {
        return datasets.stream().mapToLong(DatasetStats::quarantined).sum()
                + inputs.stream().mapToLong(InputStats::rejected).sum();
    }

    /**
     * @param name an output dataset name
     * @return what happened to its rows
     * @throws IllegalArgumentException if the product has no such dataset
     */
    public DatasetStats dataset(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dataset '" + name + "' in this run; datasets are "
                        + datasets.stream().map(DatasetStats::name).toList()));
    }

    /**
     * The result of a quality check of this run, found by the check's name: the name given with
     * {@code named(...)}, or the name derived from its metric, such as {@code completeness(customer_id)}.
     *
     * <pre>{@code
     * CheckResult known = result.check("customers known");
     * assertEquals(Outcome.PASS, known.outcome());
     * }</pre>
     *
     * @param name a check's name
     * @return its result
     * @throws IllegalArgumentException if no check of the run has that name, or checks of several datasets
     *     do (then use {@link #check(String, String)}); the message lists the names there are
     */
    public CheckResult check(String name) {
        Objects.requireNonNull(name, "name");
        List<CheckResult> found = quality.stream().flatMap(q -> q.result(name).stream()).toList();
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no quality check named '" + name + "' in this run; the checks are "
                    + checkNames());
        }
        throw new IllegalArgumentException("checks named '" + name + "' ran on several datasets; name the dataset "
                + "with check(dataset, name)");
    }

    /**
     * @param dataset an output dataset
     * @param name the name of one of its checks
     * @return the check's result
     * @throws IllegalArgumentException if the dataset has no check of that name; the message lists the names
     *     there are
     */
    public CheckResult check(String dataset, String name) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(name, "name");
        return quality.stream().filter(q -> q.dataset().equals(dataset)).findFirst().flatMap(q -> q.result(name))
                .orElseThrow(() -> new IllegalArgumentException("no quality check named '" + name + "' on dataset '"
                        + dataset + "' in this run; the checks are " + checkNames()));
    }

    private List<String> checkNames() {
        return quality.stream().flatMap(q -> q.results().stream().map(r -> q.dataset() + "/" + r.check().name()))
                .toList();
    }

    /** @return a readable account of the run for a console */
    public String summary() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append("Run of ").append(productAddress).append(" (version ").append(productVersion).append(")").append(nl);
        sb.append("  snapshot ").append(snapshot.id()).append(" committed at ").append(snapshot.committedAt())
                .append(" in ").append(duration.toMillis()).append(" ms").append(nl);
        sb.append("  location ").append(location).append(nl);
        sb.append("  rows in ").append(rowsIn()).append(", published ").append(published()).append(", quarantined ")
                .append(quarantined()).append(nl);
        for (InputStats i : inputs) {
            sb.append("  input ").append(i.name()).append(": ").append(i.rowsRead()).append(" rows read, ")
                    .append(i.rejected()).append(" unreadable").append(nl);
        }
        for (DatasetStats d : datasets) {
            sb.append("  dataset ").append(d.name()).append(": ").append(d.rowsIn()).append(" in, ")
                    .append(d.published()).append(" published, ").append(d.quarantined()).append(" quarantined")
                    .append(nl);
        }
        if (!violations.isEmpty()) {
            sb.append("  quarantine reasons:").append(nl);
            violations.forEach((k, v) -> sb.append("    ").append(String.format("%6d", v)).append("  ").append(k)
                    .append(nl));
        }
        if (!samples.isEmpty()) {
            sb.append("  first quarantined rows:").append(nl);
            for (RejectedRow r : samples.subList(0, Math.min(5, samples.size()))) {
                sb.append("    ").append(r.dataset()).append(" @ ").append(r.origin()).append(": ")
                        .append(r.violations().get(0).message());
                if (r.violations().size() > 1) {
                    sb.append(" (+").append(r.violations().size() - 1).append(" more)");
                }
                sb.append(nl);
            }
        }
        for (PortOutcome d : deliveries) {
            if (d.failed()) {
                sb.append(d.required() ? "  REQUIRED PORT FAILURE " : "  PORT FAILURE ").append(d.port()).append(": ")
                        .append(d.error().orElseThrow()).append(nl);
            } else if (!d.withheld().isEmpty()) {
                sb.append("  port ").append(d.port()).append(" delivered ").append(d.delivered()).append(", withheld ")
                        .append(d.withheld()).append(" its audience may not read").append(nl);
            }
        }
        for (QualityReport q : quality) {
            sb.append("  quality of ").append(q.dataset()).append(q.passed() ? ": passed" : ": FAILED").append(nl);
            sb.append(q.summary().indent(4));
        }
        return sb.toString();
    }
}
