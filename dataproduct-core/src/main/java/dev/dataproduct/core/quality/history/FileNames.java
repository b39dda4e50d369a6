package dev.dataproduct.core.quality.history;

import java.nio.charset.StandardCharsets;

/** File names safe on every file system, one to one with the text they stand for. */
final class FileNames {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FileNames() {
    }

    /** Letters, digits, {@code .}, {@code _} and {@code -} stay; every other byte of the UTF-8 form becomes {@code %XX}. */
    static String encode(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
                sb.append(c);
            } else {
                sb.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return sb.toString();
    }
}
