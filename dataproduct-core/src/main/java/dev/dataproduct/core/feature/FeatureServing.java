package dev.dataproduct.core.feature;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.feature.FeatureStatus;
import dev.dataproduct.api.feature.FeatureValue;
import dev.dataproduct.api.feature.FeatureView;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SnapshotSelector;
import dev.dataproduct.core.snapshot.SnapshotRows;
import dev.dataproduct.core.slo.SliEvent;
import dev.dataproduct.core.slo.SliHistory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Serves a feature product online through its read path: {@link #materialize()} reads the product's
 * current snapshot as the materialising principal and applies it to the online store, incrementally;
 * {@link #lookup} answers keys for a principal at the present time, the product's access policy
 * applied to the rows served exactly as to a read (rows the principal may not see answer
 * {@code NOT_FOUND}, hidden features are left out, masked ones masked), and the decision audited.
 * A caller for whom a join key column is masked or hidden (in any row) is refused with a
 * {@link MaskedKeyException}: the keys it gives could never match, and an answer of
 * {@code NOT_FOUND} for every key would pass for an empty store.
 *
 * <pre>{@code
 * FeatureServing serving = FeatureServing.builder(view, reader, new InMemoryOnlineStore())
 *     .materializeAs(Principal.of("feature-materializer", "materializer"))
 *     .allocator(allocator).build();
 * serving.materialize();                                   // after each run of the feature product
 * List<FeatureLookup> found = serving.lookup(caller, List.of(List.of("S-001")));
 * }</pre>
 *
 * <p><b>Incremental materialisation.</b> A snapshot already materialised (the store's
 * {@link Watermark}, which names the last snapshot applied) is not read again. A snapshot whose
 * parent is the one last materialised is read for the rows it added to its parent only
 * ({@link SnapshotRows#ADDED}: an append's new rows; every row of a replace); any other is read
 * whole. Applying rows is idempotent and keeps each entity's latest by the as-of order, so a row
 * read twice changes nothing. New rows are told by the snapshots, never by created times: a row
 * recorded long before the last materialisation but committed after it is applied like any other,
 * as the offline join sees it.
 *
 * <p><b>Freshness of the online store</b> is a service level indicator: each materialisation may
 * record the time from the snapshot's commit to the end of its materialisation as an
 * {@link SliEvent} ({@link Builder#freshness}); {@link #materializationLag()} tells how far behind
 * the product the store is now.
 */
public final class FeatureServing {
    /** The port name lookups are audited under. */
    public static final String PORT = "features";

    private final OnlineFeatures online;
    private final ProductReader reader;
    private final Principal materializer;
    private final BufferAllocator allocator;
    private final Clock clock;
    private final String objective;
    private final Duration within;
    private final SliHistory history;
    /** The feature table's definition, built once: a lookup builds its rows against it. */
    private final dev.dataproduct.api.schema.Schema table;

    private FeatureServing(Builder b) {
        this.table = b.view.dataset().schema();
        this.online = OnlineFeatures.of(b.view, b.store);
        this.reader = b.reader;
        this.materializer = b.materializer;
        this.allocator = b.allocator;
        this.clock = b.clock;
        this.objective = b.objective;
        this.within = b.within;
        this.history = b.history;
    }

    /**
     * @param view the feature view the product publishes (its output dataset is {@link FeatureView#dataset()})
     * @param reader the feature product's read path
     * @param store the online store
     * @return a builder
     */
    public static Builder builder(FeatureView view, ProductReader reader, OnlineStore store) {
        return new Builder(view, reader, store);
    }

    /** @return the address of the feature product served */
    public dev.dataproduct.api.product.ProductAddress product() {
        return reader.served();
    }

    /** @return the online path this serving uses */
    public OnlineFeatures online() {
        return online;
    }

    /**
     * Materialises the product's current snapshot into the online store, if it has not been.
     *
     * @return the store's watermark afterwards
     * @throws dev.dataproduct.api.error.AccessDeniedException if the materialising principal may not
     *     read the feature table
     * @throws dev.dataproduct.api.error.DataProductException if the product has no snapshot yet
     */
    public Watermark materialize() {
        FeatureView view = online.view();
        Optional<Watermark> before = online.store().watermark(view.name());
        dev.dataproduct.core.snapshot.SnapshotManifest current;
        try (ReadResult probe = reader.read(materializer, ReadRequest.of(view.name()).limit(0).via(PORT).build())) {
            current = probe.snapshot();
        }
        if (before.isPresent() && before.get().snapshotId().equals(current.id())) {
            return before.get();
        }
        // what is new is told by the snapshots, not by created times: a row recorded long ago may be
        // committed only now, and skipping it would part the store from the offline join
        boolean next = before.isPresent() && current.parent().equals(before.get().snapshotId());
        ReadRequest request = ReadRequest.of(view.name()).snapshot(SnapshotSelector.id(current.id())).via(PORT)
                .rows(next ? SnapshotRows.ADDED : SnapshotRows.ALL).build();
        try (ReadResult rows = reader.read(materializer, request)) {
            OnlineFeatures.Applied applied = online.apply(rows);
            Optional<Instant> createdUpTo = applied.createdUpTo().isPresent() ? applied.createdUpTo()
                    : before.flatMap(Watermark::createdUpTo);
            if (before.isPresent() && before.get().createdUpTo().isPresent() && createdUpTo.isPresent()
                    && createdUpTo.get().isBefore(before.get().createdUpTo().get())) {
                createdUpTo = before.get().createdUpTo();
            }
            Watermark after = new Watermark(reader.served().urn(), rows.snapshot().id(), rows.snapshot().committedAt(),
                    createdUpTo, clock.instant(), applied.read(), applied.applied());
            online.store().watermark(view.name(), after);
            if (history != null) {
                Duration lag = after.lag();
                history.record(new SliEvent(reader.served().urn(), objective, after.materializedAt(),
                        lag.compareTo(within) <= 0, lag.toMillis() / 1000.0));
            }
            return after;
        }
    }

    /**
     * How far the online store is behind the product now: zero if it holds the current snapshot,
     * else the time since the commit of the first snapshot it does not hold (the current one, as
     * snapshots are materialised whole), or since the product's current commit before any
     * materialisation.
     *
     * @return the lag
     */
    public Duration materializationLag() {
        Optional<Watermark> mark = online.store().watermark(online.view().name());
        try (ReadResult current = reader.read(materializer, ReadRequest.of(online.view().name()).limit(0).via(PORT)
                .build())) {
            if (mark.isPresent() && mark.get().snapshotId().equals(current.snapshot().id())) {
                return Duration.ZERO;
            }
            Duration lag = Duration.between(current.snapshot().committedAt(), clock.instant());
            return lag.isNegative() ? Duration.ZERO : lag;
        }
    }

    /**
     * Looks up entities for a principal at the present time.
     *
     * @param principal who asks
     * @param keys each entity's join key values, in the entity's order; a key with a null part is
     *     answered {@code NOT_FOUND}, as the offline join answers an entity row without key
     * @return one lookup per key, in order
     * @throws dev.dataproduct.api.error.AccessDeniedException if the principal may not read the
     *     feature table at all
     * @throws MaskedKeyException if the policy masks or hides a join key column for the principal
     *     (in some rows or all), so that no key could be matched
     * @throws IllegalArgumentException if a key has not as many values as the entity has join keys
     */
    public List<FeatureLookup> lookup(Principal principal, List<? extends List<?>> keys) {
        return lookup(principal, keys, clock.instant());
    }

    /**
     * Looks up entities for a principal at a given time.
     *
     * @param principal who asks
     * @param keys each entity's join key values
     * @param at the time the as-of rule is applied at
     * @return one lookup per key, in order
     * @throws dev.dataproduct.api.error.AccessDeniedException if the principal may not read the
     *     feature table at all
     * @throws MaskedKeyException if the policy masks or hides a join key column for the principal
     */
    public List<FeatureLookup> lookup(Principal principal, List<? extends List<?>> keys, Instant at) {
        Objects.requireNonNull(principal, "principal");
        FeatureView view = online.view();
        List<String> keyColumns = view.entity().keyColumns();
        refuseMaskedKeys(principal, keyColumns);
        List<Optional<StoredFeatures>> held = new ArrayList<>(keys.size());
        Map<String, Map<String, Object>> seen = new HashMap<>();
        List<String> visible;
        try (BatchBuilder rows = BatchBuilder.create(table, allocator)) {
            for (List<?> key : keys) {
                if (key.size() != keyColumns.size()) {
                    throw new IllegalArgumentException("a key of entity '" + view.entity().name() + "' has "
                            + keyColumns.size() + " values (" + keyColumns + "), not " + key.size());
                }
                Optional<StoredFeatures> row = OnlineFeatures.hasNull(key) ? Optional.empty()
                        : online.store().get(view.name(), OnlineFeatures.key(key));
                held.add(row);
                row.ifPresent(r -> {
                    Map<String, Object> m = new LinkedHashMap<>(r.values());
                    m.put(view.eventTime(), r.eventTime());
                    view.createdTime().ifPresent(c -> m.put(c, r.createdTime().orElse(null)));
                    rows.addRow(m);
                });
            }
            try (VectorSchemaRoot all = rows.build();
                 VectorSchemaRoot allowed = reader.applyPolicy(principal, view.name(), all, PORT)) {
                visible = allowed.getSchema().getFields().stream().map(f -> f.getName()).toList();
                RowView row = RowView.over(allowed);
                for (int r = 0; r < allowed.getRowCount(); r++) {
                    row.at(r);
                    List<Object> parts = new ArrayList<>();
                    for (String k : keyColumns) {
                        parts.add(row.isNull(k) ? null : row.get(k));
                    }
                    seen.put(OnlineFeatures.key(parts), row.toMap());
                }
            }
        }
        List<FeatureLookup> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Map<String, Object> allowedRow = held.get(i).isEmpty() ? null : seen.get(OnlineFeatures.key(keys.get(i)));
            // a row the policy withholds is answered as a row never stored: no oracle
            Optional<StoredFeatures> row = allowedRow == null ? Optional.empty()
                    : held.get(i).map(r -> new StoredFeatures(r.eventTime(), r.createdTime(), allowedRow));
            Map<String, FeatureValue> judged = online.judge(row, at);
            judged.keySet().retainAll(visible);
            out.add(new FeatureLookup(new ArrayList<>(keys.get(i)), at, judged));
        }
        return out;
    }

    /**
     * Refuses a caller for whom a join key is masked or hidden: its keys could never match one
     * stored, and answering {@code NOT_FOUND} for all of them would pass for an empty store.
     */
    private void refuseMaskedKeys(Principal principal, List<String> keyColumns) {
        List<String> visible = reader.schema(principal, online.view().name()).getFields().stream()
                .map(org.apache.arrow.vector.types.pojo.Field::getName).toList();
        java.util.Set<String> masked = reader.maskedColumns(principal, online.view().name());
        List<String> unusable = keyColumns.stream().filter(k -> !visible.contains(k) || masked.contains(k)).toList();
        if (!unusable.isEmpty()) {
            throw new MaskedKeyException("features of " + reader.served().urn() + " are looked up by the join key "
                    + unusable.stream().map(k -> "'" + k + "'").collect(java.util.stream.Collectors.joining(", "))
                    + " of entity '" + online.view().entity().name() + "', which the product's access policy masked "
                    + "or hidden for you: no key you give could match a stored one, so nothing is looked up. Read "
                    + "the feature table through the product's other ports, where rows come as you may see them, "
                    + "or ask the owner for a grant that shows the key in the clear", unusable);
        }
    }

    /** Builds a {@link FeatureServing}. */
    public static final class Builder {
        private final FeatureView view;
        private final ProductReader reader;
        private final OnlineStore store;
        private Principal materializer = Principal.of("feature-materializer");
        private BufferAllocator allocator;
        private Clock clock = Clock.systemUTC();
        private String objective;
        private Duration within;
        private SliHistory history;

        private Builder(FeatureView view, ProductReader reader, OnlineStore store) {
            this.view = Objects.requireNonNull(view, "view");
            this.reader = Objects.requireNonNull(reader, "reader");
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * @param value the principal materialisation reads the feature table as; the product's
         *     policy must grant it every row and column (a restricted materialiser stores less)
         * @return this builder
         */
        public Builder materializeAs(Principal value) {
            this.materializer = Objects.requireNonNull(value, "principal");
            return this;
        }

        /**
         * @param value where the batches of lookups live; required
         * @return this builder
         */
        public Builder allocator(BufferAllocator value) {
            this.allocator = Objects.requireNonNull(value, "allocator");
            return this;
        }

        /**
         * @param value the clock lookups and materialisation read the present from
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Records the online store's freshness as a service level indicator after each
         * materialisation: good when a snapshot reached the store within the given time of its commit.
         *
         * @param objectiveName the objective the events are recorded under
         * @param maxLag the most time from commit to the online store that counts as good
         * @param sink where the events go
         * @return this builder
         */
        public Builder freshness(String objectiveName, Duration maxLag, SliHistory sink) {
            this.objective = Objects.requireNonNull(objectiveName, "objectiveName");
            this.within = Objects.requireNonNull(maxLag, "maxLag");
            this.history = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * @return the serving
         * @throws IllegalStateException if no allocator was given
         */
        public FeatureServing build() {
            if (allocator == null) {
                throw new IllegalStateException("feature serving of view '" + view.name() + "' needs an allocator: "
                        + "call allocator(...)");
            }
            return new FeatureServing(this);
        }
    }
}
