package dev.dataproduct.core.host;

import dev.dataproduct.core.audit.AuditRecord;
import dev.dataproduct.core.audit.AuditSink;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Distinct consumers of each product per day (UTC), counted from the audit records of allowed reads.
 * Only a digest of each principal id is held, so the counts reveal no id.
 */
public final class ConsumerCounts implements AuditSink {
    private final Map<String, Map<LocalDate, Set<String>>> seen = new ConcurrentHashMap<>();

    @Override
    public void record(AuditRecord record) {
        Objects.requireNonNull(record, "record");
        if (record.decision() != AuditRecord.Decision.ALLOWED) {
            return;
        }
        LocalDate day = record.time().atOffset(ZoneOffset.UTC).toLocalDate();
        seen.computeIfAbsent(record.product(), p -> new ConcurrentHashMap<>())
                .computeIfAbsent(day, d -> ConcurrentHashMap.newKeySet())
                .add(digest(record.principal()));
    }

    /**
     * @param productUrn the product's address
     * @return distinct consumers per day, oldest day first; empty if nobody read the product
     */
    public Map<LocalDate, Integer> perDay(String productUrn) {
        Map<LocalDate, Integer> out = new TreeMap<>();
        seen.getOrDefault(productUrn, Map.of()).forEach((day, ids) -> out.put(day, ids.size()));
        return out;
    }

    private static String digest(String id) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
