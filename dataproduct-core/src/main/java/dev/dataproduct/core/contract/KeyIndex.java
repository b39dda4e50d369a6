package dev.dataproduct.core.contract;

import dev.dataproduct.api.schema.TextValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The primary keys a run has seen, for finding duplicates across all its batches: one 128-bit
 * digest per distinct key with the position of its first row, in an open-addressing table of
 * longs. It holds 3 longs per slot and is a quarter to half full, so it takes 48 to 96 bytes per
 * distinct key (half as much again for a moment while it grows), whatever the size of the key
 * values.
 * Two different keys share a digest with a probability of about n²/2¹²⁹ for n keys, which for
 * any run that fits a machine is far below the chance of a hardware error.
 */
final class KeyIndex {
    private static final int SLOT = 3;

    private final MessageDigest digest;
    private long[] table = new long[SLOT * 1024];
    private int size;

    KeyIndex() {
        try {
            digest = MessageDigest.getInstance("MD5"); // 128 bits and in every JDK; not used for security
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5 digest, which every Java runtime must provide", e);
        }
    }

    /**
     * Records a key unless it was seen before.
     *
     * @param values the key's values, in key order; {@code null} for none
     * @param position where the row is, at least 0
     * @return the position of the key's first row, or -1 if the key is new and now recorded
     */
    long putIfAbsent(List<Object> values, long position) {
        for (Object v : values) {
            // a length prefix and a null marker keep ("ab", "c") apart from ("a", "bc") and from nulls
            byte[] bytes = v == null ? new byte[0] : TextValues.format(v).getBytes(StandardCharsets.UTF_8);
            int length = v == null ? -1 : bytes.length;
            digest.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
                (byte) length});
            digest.update(bytes);
        }
        byte[] d = digest.digest();
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (d[i] & 0xff);
            lo = lo << 8 | (d[i + 8] & 0xff);
        }
        return putIfAbsent(hi, lo, position);
    }

    private long putIfAbsent(long hi, long lo, long position) {
        int mask = table.length / SLOT - 1;
        for (int slot = (int) lo & mask; ; slot = slot + 1 & mask) {
            int at = slot * SLOT;
            long stored = table[at + 2];
            if (stored == 0) {
                table[at] = hi;
                table[at + 1] = lo;
                table[at + 2] = position + 1; // 0 marks an empty slot
                if (++size * 2 > table.length / SLOT) {
                    grow();
                }
                return -1;
            }
            if (table[at] == hi && table[at + 1] == lo) {
                return stored - 1;
            }
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (int at = 0; at < old.length; at += SLOT) {
            if (old[at + 2] != 0) {
                putIfAbsent(old[at], old[at + 1], old[at + 2] - 1);
            }
        }
    }

    /** @return how many distinct keys were recorded */
    int size() {
        return size;
    }
}
