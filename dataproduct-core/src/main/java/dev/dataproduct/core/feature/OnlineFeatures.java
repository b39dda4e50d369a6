package dev.dataproduct.core.feature;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.feature.FeatureStatus;
import dev.dataproduct.api.feature.FeatureValue;
import dev.dataproduct.api.feature.FeatureView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The online (serving) path of one feature view over an {@link OnlineStore}: rows of the feature
 * table are applied to the store, each entity keeping its latest by the as-of order, and a lookup
 * at time {@code t} judges the entity's row with the same rule as the offline join. Applying rows is
 * idempotent and order-free (a row replaces the one held only if it is not earlier), so a snapshot
 * read twice, or rows arriving late, leave the store as one pass in order would.
 *
 * <p>The store holds one row per entity, the latest it was given: a lookup at {@code t} equals the
 * offline join at {@code t} when the store was given the rows with {@code event_time <= t}, which is
 * what serving at the present time means. A row from after {@code t} answers {@code NOT_FOUND}.
 * {@link FeatureServing} adds the read path (materialisation from snapshots, access policies).
 */
public final class OnlineFeatures {
    private static final char KEY_SEPARATOR = '\u001f';
    private static final char KEY_ESCAPE = '\u001b';

    private final FeatureView view;
    private final OnlineStore store;
    private final long maxAge;
    private final List<String> keys;
    private final List<String> features;

    private OnlineFeatures(FeatureView view, OnlineStore store) {
        this.view = view;
        this.store = store;
        this.keys = view.entity().keyColumns();
        this.features = view.featureNames();
        this.maxAge = AsOfRule.micros(view.maxAge());
    }

    /**
     * @param view the feature view
     * @param store where its latest rows are kept
     * @return the online path
     */
    public static OnlineFeatures of(FeatureView view, OnlineStore store) {
        return new OnlineFeatures(Objects.requireNonNull(view, "view"), Objects.requireNonNull(store, "store"));
    }

    /** @return the feature view */
    public FeatureView view() {
        return view;
    }

    /** @return the store */
    public OnlineStore store() {
        return store;
    }

    /**
     * The store key of an entity: the text of its join key, or of each part joined by {@code U+001F}.
     * In a part of a composite key, {@code U+001F} and the escape {@code U+001B} are preceded by
     * {@code U+001B}, so that parts holding the separator cannot make two entities one key; a part
     * without either is written as it is.
     *
     * @param parts the join key values, in the entity's order
     * @return the key
     */
    public static String key(List<?> parts) {
        if (parts.size() == 1) {
            return String.valueOf(parts.get(0));
        }
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (sb.length() > 0) {
                sb.append(KEY_SEPARATOR);
            }
            String text = String.valueOf(p);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == KEY_SEPARATOR || c == KEY_ESCAPE) {
                    sb.append(KEY_ESCAPE);
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** What one application of rows did. */
    record Applied(long read, long applied, Optional<Instant> createdUpTo) {
    }

    /**
     * Applies rows of the feature table to the store. A row without a join key or event time is
     * read and skipped: it can never be chosen (the feature product's gate quarantines it anyway).
     *
     * @param rows a cursor over rows with the feature table's columns; the caller closes it
     */
    Applied apply(BatchCursor rows) {
        long read = 0;
        long applied = 0;
        long createdUpTo = AsOfRule.NO_TIME;
        while (rows.next()) {
            RowView row = RowView.over(rows.batch());
            for (int r = 0; r < rows.batch().getRowCount(); r++) {
                row.at(r);
                read++;
                List<Object> parts = new ArrayList<>(keys.size());
                for (String k : keys) {
                    parts.add(row.get(k));
                }
                long event = AsOfRule.micros(row.get(view.eventTime()));
                long created = view.createdTime().map(c -> AsOfRule.micros(row.get(c))).orElse(AsOfRule.NO_TIME);
                createdUpTo = Math.max(createdUpTo, created);
                if (parts.contains(null) || event == AsOfRule.NO_TIME) {
                    continue;
                }
                if (offer(key(parts), event, created, row)) {
                    applied++;
                }
            }
        }
        return new Applied(read, applied, createdUpTo == AsOfRule.NO_TIME ? Optional.empty()
                : Optional.of(AsOfRule.instant(createdUpTo)));
    }

    private boolean offer(String key, long event, long created, RowView row) {
        Optional<StoredFeatures> held = store.get(view.name(), key);
        if (held.isPresent() && AsOfRule.order(event, created, AsOfRule.micros(held.get().eventTime()),
                held.get().createdTime().map(AsOfRule::micros).orElse(AsOfRule.NO_TIME)) < 0) {
            return false;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        keys.forEach(k -> values.put(k, row.get(k)));
        features.forEach(f -> values.put(f, row.get(f)));
        store.put(view.name(), key, new StoredFeatures(AsOfRule.instant(event),
                created == AsOfRule.NO_TIME ? Optional.empty() : Optional.of(AsOfRule.instant(created)), values));
        return true;
    }

    /**
     * Looks up the features of one entity at a time, under the as-of rule.
     *
     * @param key the join key values, in the entity's order; a key with a null part is not found
     * @param at the time {@code t} of the rule, usually now
     * @return each feature's value and status, in the view's order
     */
    public Map<String, FeatureValue> lookup(List<?> key, Instant at) {
        return judge(hasNull(key) ? Optional.empty() : store.get(view.name(), key(key)), at);
    }

    /**
     * Whether a key has a null part: no stored row has one (rows without a key are never applied),
     * so such a key is answered {@code NOT_FOUND}, as the offline join answers an entity row without
     * key, and never looked up by its text.
     */
    static boolean hasNull(List<?> key) {
        for (Object part : key) {
            if (part == null) {
                return true;
            }
        }
        return false;
    }

    /** Judges an entity's held row at a time: the same rule, and the same code, as the offline join. */
    Map<String, FeatureValue> judge(Optional<StoredFeatures> row, Instant at) {
        long event = row.map(r -> AsOfRule.micros(r.eventTime())).orElse(AsOfRule.NO_TIME);
        FeatureStatus status = AsOfRule.judge(event, AsOfRule.micros(at), maxAge);
        Optional<Instant> eventTime = status == FeatureStatus.NOT_FOUND ? Optional.empty()
                : row.map(StoredFeatures::eventTime);
        Map<String, FeatureValue> out = new LinkedHashMap<>();
        for (String f : features) {
            Object value = row.map(r -> r.values().get(f)).orElse(null);
            FeatureStatus s = AsOfRule.featureStatus(status, value == null);
            out.put(f, s == FeatureStatus.PRESENT ? new FeatureValue(Optional.of(value), s, eventTime)
                    : FeatureValue.absent(s, eventTime));
        }
        return out;
    }
}
