package dev.dataproduct.core.read;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.core.snapshot.SnapshotRows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Where a read stopped: the snapshot, the number of result rows already returned, and a
 * fingerprint of the request and reader, so that a cursor only resumes the read it came from. A
 * cursor is opaque to clients; changing it by hand gains nothing the reader could not ask for
 * directly, so it is not signed.
 */
record ResumePosition(String snapshot, long offset, String fingerprint) {
    private static final String VERSION = "r1";

    String encode() {
        String text = VERSION + "|" + snapshot + "|" + offset + "|" + fingerprint;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static ResumePosition decode(String cursor, String expectedFingerprint) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        long offset = -1;
        if (parts.length == 4 && parts[0].equals(VERSION)) {
            try {
                offset = Long.parseLong(parts[2]);
            } catch (NumberFormatException e) {
                offset = -1;
            }
        }
        if (offset < 0) {
            throw new InvalidRequestException("the cursor is not one the read path issued; start the read again "
                    + "without a cursor");
        }
        if (!parts[3].equals(expectedFingerprint)) {
            throw new InvalidRequestException("the cursor belongs to another request (other dataset, columns, "
                    + "filter, order or reader); resume with the request that returned it, or start without a cursor");
        }
        return new ResumePosition(parts[1], offset, parts[3]);
    }

    static String fingerprint(Principal principal, ReadRequest r) {
        String text = principal.id() + "\n" + r.dataset() + "\n" + r.columns() + "\n"
                + r.filter().map(Object::toString).orElse("") + "\n" + r.order()
                + (r.rows() == SnapshotRows.ALL ? "" : "\n" + r.rows());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
