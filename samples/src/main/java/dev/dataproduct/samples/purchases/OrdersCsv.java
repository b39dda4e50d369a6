package dev.dataproduct.samples.purchases;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.Random;

/**
 * Writes the raw orders the sample reads: a CSV of purchases, the same for the same seed, with a
 * few bad rows of each kind mixed in (unparsable numbers and dates, missing customers, quantities
 * out of range, malformed SKUs, unknown channels, lines with a missing cell).
 */
public final class OrdersCsv {
    /** The header of the file. */
    public static final String HEADER = "order_id,customer_id,sku,quantity,unit_price,purchased_at,email,channel";
    /** The customers orders are drawn from: {@code cust-0001} to {@code cust-0800}. */
    public static final int CUSTOMERS = 800;
    private static final String[] CHANNELS = {"web", "store", "app"};
    private static final Pattern GOOD_SKU = Pattern.compile("SKU-\\d{6}");

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

    /**
     * An order line the purchases contract accepts, as the other retail samples reuse it.
     *
     * @param orderId the order line, which Historical Purchases publishes as {@code purchase_id}
     * @param customerId the customer
     * @param sku the SKU
     * @param quantity units bought
     * @param unitPrice price of one unit
     * @param purchasedAt when
     * @param email the customer's e-mail address
     * @param channel web, store or app
     */
    public record Order(String orderId, String customerId, String sku, int quantity, BigDecimal unitPrice,
                        Instant purchasedAt, String email, String channel) {
        /** Validates the components. */
        public Order {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(unitPrice, "unitPrice");
            Objects.requireNonNull(purchasedAt, "purchasedAt");
        }

        /** @return quantity times unit price, as Historical Purchases computes its total */
        public BigDecimal total() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    /**
     * The order lines of {@link #lines} that Historical Purchases publishes: the bad ones left out,
     * judged here in plain Java by the rules of the purchases contract.
     *
     * @param rows how many data lines
     * @param seed the seed; the same seed gives the same orders
     * @param now the newest purchase time
     * @return the good orders, in file order
     */
    public static List<Order> orders(int rows, long seed, Instant now) {
        List<Order> out = new ArrayList<>();
        for (String line : lines(rows, seed, now)) {
            String[] c = line.split(",", -1);
            if (c.length != 8 || c[1].isEmpty() || !GOOD_SKU.matcher(c[2]).matches()
                    || !List.of(CHANNELS).contains(c[7])) {
                continue;
            }
            try {
                int quantity = Integer.parseInt(c[3]);
                if (quantity >= 1 && quantity <= 1000) {
                    out.add(new Order(c[0], c[1], c[2], quantity, new BigDecimal(c[4]), Instant.parse(c[5]), c[6],
                            c[7]));
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                // a bad line on purpose: Historical Purchases quarantines it
            }
        }
        return out;
    }

    private static String line(int i, Random random, Instant now) {
        String orderId = String.format("ord-%06d", i);
        String customer = String.format("cust-%04d", 1 + random.nextInt(CUSTOMERS));
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
