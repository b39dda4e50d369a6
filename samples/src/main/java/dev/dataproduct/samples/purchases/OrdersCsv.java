package dev.dataproduct.samples.purchases;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the raw orders the sample reads: a CSV of purchases, the same for the same seed, with a
 * few bad rows of each kind mixed in (unparsable numbers and dates, missing customers, quantities
 * out of range, malformed SKUs, unknown channels, lines with a missing cell).
 */
public final class OrdersCsv {
    /** The header of the file. */
    public static final String HEADER = "order_id,customer_id,sku,quantity,unit_price,purchased_at,email,channel";
    private static final String[] CHANNELS = {"web", "store", "app"};

    private OrdersCsv() {
    }

    /**
     * @param file where to write the CSV
     * @param rows how many data lines to write
     * @param seed the seed; the same seed writes the same file
     * @param now the newest purchase time; purchases go back 90 days from it
     * @return the number of data lines written
     * @throws IOException if the file cannot be written
     */
    public static int write(Path file, int rows, long seed, Instant now) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (String line : lines(rows, seed, now)) {
                out.write(line);
                out.write('\n');
            }
        }
        return rows;
    }

    /**
     * @param rows how many data lines
     * @param seed the seed; the same seed gives the same lines
     * @param now the newest purchase time; purchases go back 90 days from it
     * @return the data lines {@link #write} writes, without the header
     */
    public static List<String> lines(int rows, long seed, Instant now) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(rows);
        for (int i = 1; i <= rows; i++) {
            lines.add(line(i, random, now));
        }
        return lines;
    }

    private static String line(int i, Random random, Instant now) {
        String orderId = String.format("ord-%06d", i);
        String customer = String.format("cust-%04d", 1 + random.nextInt(800));
        String sku = String.format("SKU-%06d", random.nextInt(1_000_000));
        String quantity = Integer.toString(1 + random.nextInt(12));
        String price = new BigDecimal(50 + random.nextInt(50_000)).movePointLeft(2).toPlainString();
        String at = now.minus(random.nextInt(90 * 24 * 60), ChronoUnit.MINUTES).toString();
        String email = customer + "@example.com";
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        // about one row in thirty is bad, in one of eight ways
        if (random.nextInt(30) == 0) {
            switch (random.nextInt(8)) {
                case 0: quantity = "two"; break;
                case 1: at = "yesterday"; break;
                case 2: customer = ""; break;
                case 3: quantity = "0"; break;
                case 4: quantity = "5000"; break;
                case 5: sku = "SKU-" + random.nextInt(1000); break;
                case 6: channel = "fax"; break;
                default: return String.join(",", orderId, customer, sku, quantity, price, at, email);
            }
        }
        return String.join(",", orderId, customer, sku, quantity, price, at, email, channel);
    }
}
