package dev.dataproduct.core.registry;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.IncompatibleChangeException;
import dev.dataproduct.api.product.SemanticVersion;
import dev.dataproduct.core.compat.CompatibilityChecker;
import dev.dataproduct.core.compat.CompatibilityMode;
import dev.dataproduct.core.compat.CompatibilityReport;
import dev.dataproduct.core.compat.ReleaseNotes;
import dev.dataproduct.core.compat.VersionPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The published versions of data contracts, with semantic version enforcement and deprecation.
 *
 * <p>{@link #publish} accepts a new version only if its number announces its changes: a breaking
 * change (under the registry's {@link CompatibilityMode}, BACKWARD by default) needs a new major
 * version, and the exception lists every breaking change. A version can be {@linkplain #deprecate
 * deprecated} with an end date and a successor: reading it still works but logs a warning and
 * counts {@code dataproduct.contract.deprecated.reads}; a {@linkplain #retire retired} version, or
 * a deprecated one past its end date, refuses reads with an error that names the version to move
 * to.
 *
 * <pre>{@code
 * ContractRegistry registry = ContractRegistry.builder().meterRegistry(meters).build();
 * registry.publish(v1);
 * registry.publish(v2);                    // throws if v2 breaks v1 without a new major version
 * registry.deprecate(v1.id(), "1.4.0", LocalDate.of(2027, 3, 31), "2.0.0");
 * }</pre>
 *
 * <p>Versions are kept in memory. The registry is safe for use by several threads.
 */
public final class ContractRegistry {
    /** The counter of reads of deprecated contract versions. */
    public static final String DEPRECATED_READS = "dataproduct.contract.deprecated.reads";
    private static final Logger LOG = LoggerFactory.getLogger(ContractRegistry.class);

    private final CompatibilityMode mode;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, List<DataContract>> versions = new HashMap<>();
    private final Map<String, ContractLifecycle> lifecycles = new HashMap<>();

    private ContractRegistry(Builder b) {
        this.mode = b.mode;
        this.clock = b.clock;
        this.meters = b.meters;
    }

    /** @return a builder: BACKWARD mode, the system clock, no metrics recorded */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the compatibility mode new versions are checked in */
    public CompatibilityMode mode() {
        return mode;
    }

    /**
     * Checks, without publishing, whether a contract version could be published.
     *
     * @param contract the new version
     * @return the changes from the previous version; empty for the first version or a republication
     * @throws IncompatibleChangeException as {@link #publish} would
     */
    public synchronized CompatibilityReport check(DataContract contract) {
        Objects.requireNonNull(contract, "contract");
        List<DataContract> history = versions.getOrDefault(contract.id(), List.of());
        Optional<DataContract> same = history.stream().filter(c -> c.version().equals(contract.version())).findFirst();
        if (same.isPresent()) {
            if (!same.get().equals(contract)) {
                throw new IncompatibleChangeException("contract '" + contract.id() + "' version " + contract.version()
                        + " was already published with other content; publish the change under a new version");
            }
            return CompatibilityChecker.check(same.get(), contract, mode);
        }
        if (history.isEmpty()) {
            return CompatibilityChecker.check(contract, contract, mode);
        }
        return VersionPolicy.check(history, contract, mode);
    }

    /**
     * Publishes a contract version. Publishing the same version again with the same content does
     * nothing.
     *
     * @param contract the new version
     * @return the changes from the previous version; empty for the first version
     * @throws IncompatibleChangeException if the version number does not announce the changes (a
     *     breaking change without a new major version, a version not above the latest), listing
     *     every breaking change, or if the same version was published with other content
     */
    public synchronized CompatibilityReport publish(DataContract contract) {
        CompatibilityReport report = check(contract);
        List<DataContract> history = versions.computeIfAbsent(contract.id(), k -> new ArrayList<>());
        if (history.stream().noneMatch(c -> c.version().equals(contract.version()))) {
            history.add(contract);
            history.sort(Comparator.comparing(c -> SemanticVersion.parse(c.version())));
            LOG.info("contract '{}' version {} published ({} changes from {})", contract.id(), contract.version(),
                    report.changes().size(), report.previousVersion());
        }
        return report;
    }

    /**
     * @param id a contract id
     * @return its published versions, oldest first
     */
    public synchronized List<DataContract> versions(String id) {
        return List.copyOf(versions.getOrDefault(id, List.of()));
    }

    /**
     * @param id a contract id
     * @return its highest published version
     */
    public synchronized Optional<DataContract> latest(String id) {
        List<DataContract> history = versions.getOrDefault(id, List.of());
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    /**
     * Reads a published version for use.
     *
     * @param id a contract id
     * @param version a version
     * @return the contract
     * @throws IllegalArgumentException if no such version was published
     * @throws DataProductException if the version is retired, naming the version to move to
     */
    public DataContract read(String id, String version) {
        DataContract contract;
        ContractLifecycle lifecycle;
        synchronized (this) {
            contract = find(id, version);
            lifecycle = lifecycle(id, version);
        }
        LocalDate today = LocalDate.now(clock);
        switch (lifecycle.stateOn(today)) {
            case RETIRED:
                throw new DataProductException("contract '" + id + "' version " + version + " is retired"
                        + lifecycle.endDate().map(d -> " (its end date was " + d + ")").orElse("")
                        + "; read version " + successor(id, lifecycle) + " instead");
            case DEPRECATED:
                LOG.warn("contract '{}' version {} is deprecated{}; move to version {}", id, version,
                        lifecycle.endDate().map(d -> " and can be read until " + d).orElse(""), successor(id, lifecycle));
                meters.counter(DEPRECATED_READS, "contract", id, "version", version).increment();
                return contract;
            default:
                return contract;
        }
    }

    /**
     * Deprecates a version: it stays readable, with a warning, until the end date.
     *
     * @param id a contract id
     * @param version the version to deprecate
     * @param endDate the last day it may be read
     * @param successor the version consumers should move to
     * @throws IllegalArgumentException if either version was not published
     */
    public synchronized void deprecate(String id, String version, LocalDate endDate, String successor) {
        find(id, version);
        find(id, successor);
        lifecycles.put(key(id, version), new ContractLifecycle(ContractLifecycle.State.DEPRECATED,
                Optional.of(Objects.requireNonNull(endDate, "endDate")), successor));
    }

    /**
     * Retires a version: reads are refused from now on.
     *
     * @param id a contract id
     * @param version the version to retire
     * @param successor the version consumers should move to
     * @throws IllegalArgumentException if either version was not published
     */
    public synchronized void retire(String id, String version, String successor) {
        find(id, version);
        find(id, successor);
        lifecycles.put(key(id, version), new ContractLifecycle(ContractLifecycle.State.RETIRED,
                lifecycle(id, version).endDate(), successor));
    }

    /**
     * @param id a contract id
     * @param version a published version
     * @return where the version is in its life
     */
    public synchronized ContractLifecycle lifecycle(String id, String version) {
        return lifecycles.getOrDefault(key(id, version), ContractLifecycle.ACTIVE);
    }

    /**
     * @param id a contract id
     * @param version a published version
     * @return its state today, by the registry's clock
     */
    public synchronized ContractLifecycle.State stateToday(String id, String version) {
        find(id, version);
        return lifecycle(id, version).stateOn(LocalDate.now(clock));
    }

    /**
     * @param id a contract id
     * @param from a published version
     * @param to a later published version
     * @return a Markdown changelog from one to the other
     */
    public synchronized String releaseNotes(String id, String from, String to) {
        DataContract a = find(id, from);
        DataContract b = find(id, to);
        return ReleaseNotes.markdown(a, b, CompatibilityChecker.check(a, b, mode));
    }

    private String successor(String id, ContractLifecycle lifecycle) {
        return lifecycle.successor().isEmpty() ? latest(id).map(DataContract::version).orElse("?") : lifecycle.successor();
    }

    private DataContract find(String id, String version) {
        return versions.getOrDefault(id, List.of()).stream().filter(c -> c.version().equals(version)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("contract '" + id + "' has no published version "
                        + version + "; published versions are " + versions.getOrDefault(id, List.of()).stream()
                        .map(DataContract::version).toList()));
    }

    private static String key(String id, String version) {
        return id + "@" + version;
    }

    /** Builds a {@link ContractRegistry}. */
    public static final class Builder {
        private CompatibilityMode mode = CompatibilityMode.BACKWARD;
        private Clock clock = Clock.systemUTC();
        private MeterRegistry meters = new CompositeMeterRegistry();

        private Builder() {
        }

        /** @param value how new versions are checked; BACKWARD by default @return this builder */
        public Builder mode(CompatibilityMode value) {
            this.mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        /** @param value the clock that decides when end dates pass @return this builder */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @param value where deprecated reads are counted; nothing is recorded by default @return this builder */
        public Builder meterRegistry(MeterRegistry value) {
            this.meters = Objects.requireNonNull(value, "meterRegistry");
            return this;
        }

        /** @return the registry */
        public ContractRegistry build() {
            return new ContractRegistry(this);
        }
    }
}
