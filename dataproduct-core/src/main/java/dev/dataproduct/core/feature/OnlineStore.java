package dev.dataproduct.core.feature;

import java.util.Optional;

/**
 * Where the online path keeps the latest row of each entity of each feature view, and how far it has
 * materialised: a plain key-value store, so that an application can back it with its own (Redis, a
 * database table, ...). Deciding which row is the latest is not the store's job: the materialiser
 * applies the as-of order and calls {@link #put} only with a row that wins. Implementations must be
 * safe for concurrent reads during a write.
 *
 * <p>An entity's key is the text of its join key, or of each part joined by {@code U+001F} for
 * a composite key, a {@code U+001F} or {@code U+001B} within a part escaped by {@code U+001B}
 * (see {@link OnlineFeatures#key(java.util.List)}).
 */
public interface OnlineStore {

    /**
     * @param view the feature view's name
     * @param key the entity's key
     * @return the entity's latest row, if the store holds one
     */
    Optional<StoredFeatures> get(String view, String key);

    /**
     * Stores an entity's latest row, replacing the one held.
     *
     * @param view the feature view's name
     * @param key the entity's key
     * @param row the row
     */
    void put(String view, String key, StoredFeatures row);

    /**
     * @param view the feature view's name
     * @return how far the view has been materialised; empty before the first materialisation
     */
    Optional<Watermark> watermark(String view);

    /**
     * Records how far a view has been materialised, after its rows are stored.
     *
     * @param view the feature view's name
     * @param value the watermark
     */
    void watermark(String view, Watermark value);
}
