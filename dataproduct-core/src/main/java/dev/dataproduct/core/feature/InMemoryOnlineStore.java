package dev.dataproduct.core.feature;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link OnlineStore} in the memory of the JVM: for tests, samples and small products. */
public final class InMemoryOnlineStore implements OnlineStore {
    private final Map<String, Map<String, StoredFeatures>> rows = new ConcurrentHashMap<>();
    private final Map<String, Watermark> watermarks = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredFeatures> get(String view, String key) {
        Map<String, StoredFeatures> of = rows.get(Objects.requireNonNull(view, "view"));
        return of == null ? Optional.empty() : Optional.ofNullable(of.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public void put(String view, String key, StoredFeatures row) {
        rows.computeIfAbsent(Objects.requireNonNull(view, "view"), v -> new ConcurrentHashMap<>())
                .put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(row, "row"));
    }

    @Override
    public Optional<Watermark> watermark(String view) {
        return Optional.ofNullable(watermarks.get(Objects.requireNonNull(view, "view")));
    }

    @Override
    public void watermark(String view, Watermark value) {
        watermarks.put(Objects.requireNonNull(view, "view"), Objects.requireNonNull(value, "value"));
    }

    /**
     * @param view a feature view's name
     * @return how many entities the store holds for it
     */
    public int size(String view) {
        Map<String, StoredFeatures> of = rows.get(view);
        return of == null ? 0 : of.size();
    }
}
