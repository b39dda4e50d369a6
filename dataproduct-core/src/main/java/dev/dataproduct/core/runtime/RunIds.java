package dev.dataproduct.core.runtime;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Run ids as UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids
 * sort by start time, as OpenLineage recommends for run ids.
 */
final class RunIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    static UUID at(Instant time) {
        long millis = time.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
