package dev.dataproduct.core.access;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The secret keys of {@link dev.dataproduct.api.access.Mask#keyedHash(String) keyed-hash masks},
 * by name. The application supplies them (from its secret store); they are never part of a
 * policy, never logged, and {@link #toString()} shows only their names.
 */
public final class MaskKeys {
    private final Map<String, byte[]> keys;

    private MaskKeys(Map<String, byte[]> keys) {
        this.keys = keys;
    }

    /** @return no keys */
    public static MaskKeys none() {
        return new MaskKeys(Map.of());
    }

    /**
     * @param name the key name a mask refers to
     * @param key the secret, at least 16 bytes; copied
     * @return these keys and that one
     */
    public MaskKeys with(String name, byte[] key) {
        Objects.requireNonNull(name, "name");
        if (key.length < 16) {
            throw new IllegalArgumentException("hash key '" + name + "' has " + key.length
                    + " bytes; give at least 16 (32 random bytes is usual for HMAC-SHA-256)");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>(keys);
        copy.put(name, key.clone());
        return new MaskKeys(Map.copyOf(copy));
    }

    Optional<byte[]> key(String name) {
        return Optional.ofNullable(keys.get(name)).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "MaskKeys" + keys.keySet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskKeys other && other.keys.keySet().equals(keys.keySet())
                && keys.keySet().stream().allMatch(k -> Arrays.equals(keys.get(k), other.keys.get(k)));
    }

    @Override
    public int hashCode() {
        return keys.keySet().hashCode();
    }
}
