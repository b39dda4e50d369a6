package dev.dataproduct.core.agreement;

import dev.dataproduct.api.access.SharingAgreement;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.audit.AuditRecord;
import dev.dataproduct.core.registry.ContractLifecycle;
import dev.dataproduct.core.registry.ContractRegistry;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sharing agreements of products' consumers, one per consumer and product (registering again
 * replaces it, as when an agreement is renewed).
 *
 * <pre>{@code
 * AgreementRegistry agreements = new AgreementRegistry();
 * agreements.register(studentMaster.address(), survey);
 * ProductReader reader = ProductReader.builder(store, studentMaster).agreements(agreements)
 *     .allocator(allocator).build();        // the survey team reads under its agreement until it expires
 * }</pre>
 *
 * <p>Safe for use by several threads.
 */
public final class AgreementRegistry {
    private final Map<String, Map<String, SharingAgreement>> byProduct = new HashMap<>();

    /**
     * Registers (or renews) a consumer's agreement with a product.
     *
     * @param product the product read
     * @param agreement the agreement
     */
    public synchronized void register(ProductAddress product, SharingAgreement agreement) {
        Objects.requireNonNull(agreement, "agreement");
        byProduct.computeIfAbsent(product.urn(), k -> new LinkedHashMap<>()).put(agreement.consumer(), agreement);
    }

    /**
     * @param product a product
     * @return its consumers' agreements, running or expired, in registration order
     */
    public synchronized List<SharingAgreement> consumers(ProductAddress product) {
        return List.copyOf(byProduct.getOrDefault(product.urn(), Map.of()).values());
    }

    /**
     * @param product a product
     * @param consumer a principal id
     * @return the consumer's agreement with the product, running or expired
     */
    public synchronized Optional<SharingAgreement> agreement(ProductAddress product, String consumer) {
        return Optional.ofNullable(byProduct.getOrDefault(product.urn(), Map.of()).get(consumer));
    }

    /**
     * @param product a product
     * @param consumer a principal id
     * @param dataset a dataset of the product
     * @param at the time of the read
     * @return the consumer's agreement if it covers the dataset and runs at that time
     */
    public Optional<SharingAgreement> running(ProductAddress product, String consumer, String dataset, Instant at) {
        return agreement(product, consumer).filter(a -> a.datasets().contains(dataset) && a.activeAt(at));
    }

    /**
     * Which consumers still read a deprecated version of the product's contract: from the audit
     * records of allowed reads, the version each read served (the product version of the snapshot
     * read, which a generated contract carries), and the registry's lifecycle of that version.
     *
     * @param product the product, as its audit records name it
     * @param contractId its contract's id
     * @param audit audit records, of any products
     * @param snapshots the snapshots the reads may have read (the store's history)
     * @param contracts where deprecation is recorded
     * @return one entry per consumer and deprecated version, the latest read first
     */
    public List<DeprecatedRead> deprecatedReads(ProductAddress product, String contractId, Iterable<AuditRecord> audit,
                                                List<SnapshotManifest> snapshots, ContractRegistry contracts) {
        Map<String, String> versions = new HashMap<>();
        snapshots.forEach(m -> versions.put(m.id(), m.productVersion()));
        Map<List<String>, Instant> last = new LinkedHashMap<>();
        for (AuditRecord r : audit) {
            String version = versions.get(r.snapshot());
            if (!r.product().equals(product.urn()) || r.decision() != AuditRecord.Decision.ALLOWED || version == null
                    || contracts.versions(contractId).stream().noneMatch(c -> c.version().equals(version))
                    || contracts.stateToday(contractId, version) != ContractLifecycle.State.DEPRECATED) {
                continue;
            }
            last.merge(List.of(r.principal(), version), r.time(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<DeprecatedRead> out = new ArrayList<>();
        last.forEach((key, time) -> out.add(new DeprecatedRead(key.get(0), key.get(1), time,
                agreement(product, key.get(0)))));
        out.sort(Comparator.comparing(DeprecatedRead::lastRead).reversed());
        return out;
    }
}
