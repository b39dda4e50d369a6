package dev.dataproduct.benchmarks;

import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Generates a 10-column orders dataset as Arrow batches, deterministically from a seed. Every
 * batch is a pure function of (seed, batch index), so a batch can be made again at any time, in
 * any order and on any thread: the streamed memory run and the DuckDB load see the same rows as
 * the in-memory run.
 *
 * <p>Columns and their defects:
 * <ul>
 *   <li>{@code id} int64, unique (the row number);</li>
 *   <li>{@code customer} string, about 50,000 distinct values, skewed, 2% null;</li>
 *   <li>{@code sku} string {@code SKU-\d{6}}, 3% in a wrong shape;</li>
 *   <li>{@code quantity} int32 1..1000, 1% out of range (0, negative or over 1000);</li>
 *   <li>{@code price} float64 with two decimals, 0.50..500.49;</li>
 *   <li>{@code discount} float64 0..0.5, 5% null;</li>
 *   <li>{@code category} string, 12 valid values, 0.5% invalid;</li>
 *   <li>{@code created_at} timestamp_tz (micros), within the 90 days before {@link #NOW};</li>
 *   <li>{@code score} float64, normal with mean 50 and standard deviation 15;</li>
 *   <li>{@code flag} boolean, 30% true.</li>
 * </ul>
 * Values are written straight into the vectors' buffers: no boxing, no per-row objects.
 */
public final class OrdersGenerator {
    /** Rows per batch. */
    public static final int BATCH_ROWS = 64 * 1024;
    /** The fixed "now" of the data and of the evaluation clock: created_at lies before it. */
    public static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    /** The valid categories. */
    public static final List<String> CATEGORIES = List.of("electronics", "books", "toys", "garden", "kitchen",
            "sports", "beauty", "grocery", "fashion", "automotive", "music", "office");
    /** The SKU pattern. */
    public static final String SKU_PATTERN = "SKU-\\d{6}";

    static final int CUSTOMERS = 50_000;
    private static final long NOW_MICROS = NOW.getEpochSecond() * 1_000_000L;
    private static final long NINETY_DAYS_MICROS = 90L * 24 * 3600 * 1_000_000L;
    private static final byte[][] CUSTOMER_BYTES = new byte[CUSTOMERS][];
    private static final byte[][] CATEGORY_BYTES = new byte[CATEGORIES.size()][];
    private static final byte[][] BAD_CATEGORY_BYTES = {ascii("unknown"), ascii("Books"), ascii("misc")};

    static {
        for (int i = 0; i < CUSTOMERS; i++) {
            CUSTOMER_BYTES[i] = ascii(String.format("CUST-%06d", i));
        }
        for (int i = 0; i < CATEGORIES.size(); i++) {
            CATEGORY_BYTES[i] = ascii(CATEGORIES.get(i));
        }
    }

    private final long seed;
    private final long rows;

    /**
     * @param seed the seed every value derives from
     * @param rows the number of rows of the dataset
     */
    public OrdersGenerator(long seed, long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative: " + rows);
        }
        this.seed = seed;
        this.rows = rows;
    }

    /** @return the schema of every batch */
    public static Schema schema() {
        return Schema.of(
                Field.of("id", LogicalType.INT64, true),
                Field.of("customer", LogicalType.STRING, false),
                Field.of("sku", LogicalType.STRING, true),
                Field.of("quantity", LogicalType.INT32, true),
                Field.of("price", LogicalType.FLOAT64, true),
                Field.of("discount", LogicalType.FLOAT64, false),
                Field.of("category", LogicalType.STRING, true),
                Field.of("created_at", LogicalType.TIMESTAMP_TZ, true),
                Field.of("score", LogicalType.FLOAT64, true),
                Field.of("flag", LogicalType.BOOLEAN, true));
    }

    /** @return the number of rows */
    public long rows() {
        return rows;
    }

    /** @return the number of batches */
    public int batchCount() {
        return (int) ((rows + BATCH_ROWS - 1) / BATCH_ROWS);
    }

    /**
     * Makes one batch.
     *
     * @param index the batch index, 0 to {@link #batchCount()} - 1
     * @param allocator where the batch's memory comes from
     * @return the batch; the caller closes it
     */
    public VectorSchemaRoot batch(int index, BufferAllocator allocator) {
        if (index < 0 || index >= batchCount()) {
            throw new IndexOutOfBoundsException("batch " + index + " of " + batchCount());
        }
        long first = (long) index * BATCH_ROWS;
        int n = (int) Math.min(BATCH_ROWS, rows - first);
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema().toArrow(), allocator);
        try {
            fill(root, first, n, rnd);
            root.setRowCount(n);
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /**
     * Makes every batch, in memory, on the calling thread and one more.
     *
     * @param allocator where the batches' memory comes from
     * @return the batches, in order; the caller closes them
     */
    public List<VectorSchemaRoot> allBatches(BufferAllocator allocator) {
        int count = batchCount();
        VectorSchemaRoot[] out = new VectorSchemaRoot[count];
        Thread helper = new Thread(() -> {
            for (int i = 1; i < count; i += 2) {
                out[i] = batch(i, allocator);
            }
        }, "orders-generator");
        helper.start();
        for (int i = 0; i < count; i += 2) {
            out[i] = batch(i, allocator);
        }
        try {
            helper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating batches", e);
        }
        List<VectorSchemaRoot> list = new ArrayList<>(count);
        for (VectorSchemaRoot b : out) {
            if (b == null) {
                list.forEach(VectorSchemaRoot::close);
                throw new IllegalStateException("the generator thread failed");
            }
            list.add(b);
        }
        return list;
    }

    private static void fill(VectorSchemaRoot root, long first, int n, SplittableRandom rnd) {
        BigIntVector id = (BigIntVector) root.getVector("id");
        VarCharVector customer = (VarCharVector) root.getVector("customer");
        VarCharVector sku = (VarCharVector) root.getVector("sku");
        IntVector quantity = (IntVector) root.getVector("quantity");
        Float8Vector price = (Float8Vector) root.getVector("price");
        Float8Vector discount = (Float8Vector) root.getVector("discount");
        VarCharVector category = (VarCharVector) root.getVector("category");
        TimeStampMicroTZVector createdAt = (TimeStampMicroTZVector) root.getVector("created_at");
        Float8Vector score = (Float8Vector) root.getVector("score");
        BitVector flag = (BitVector) root.getVector("flag");

        id.allocateNew(n);
        customer.allocateNew(11L * n, n);
        sku.allocateNew(11L * n, n);
        quantity.allocateNew(n);
        price.allocateNew(n);
        discount.allocateNew(n);
        category.allocateNew(11L * n, n);
        createdAt.allocateNew(n);
        score.allocateNew(n);
        flag.allocateNew(n);

        byte[] skuBytes = new byte[11];
        for (int i = 0; i < n; i++) {
            id.set(i, first + i);

            if (rnd.nextInt(100) < 2) {
                customer.setNull(i);
            } else {
                double u = rnd.nextDouble();
                byte[] c = CUSTOMER_BYTES[(int) (CUSTOMERS * u * u)];
                customer.set(i, c, 0, c.length);
            }

            int skuLen = sku(rnd, skuBytes);
            sku.set(i, skuBytes, 0, skuLen);

            int q = 1 + rnd.nextInt(1000);
            if (rnd.nextInt(100) == 0) {
                int kind = rnd.nextInt(3);
                q = kind == 0 ? 0 : kind == 1 ? -rnd.nextInt(1, 50) : 1000 + rnd.nextInt(1, 500);
            }
            quantity.set(i, q);

            price.set(i, (50 + rnd.nextInt(50_000)) / 100.0);

            if (rnd.nextInt(100) < 5) {
                discount.setNull(i);
            } else {
                discount.set(i, rnd.nextInt(51) / 100.0);
            }

            byte[] cat = rnd.nextInt(200) == 0 ? BAD_CATEGORY_BYTES[rnd.nextInt(BAD_CATEGORY_BYTES.length)]
                    : CATEGORY_BYTES[rnd.nextInt(CATEGORY_BYTES.length)];
            category.set(i, cat, 0, cat.length);

            createdAt.set(i, NOW_MICROS - 1 - rnd.nextLong(NINETY_DAYS_MICROS));
            score.set(i, 50 + 15 * gaussian(rnd));
            flag.set(i, rnd.nextInt(10) < 3 ? 1 : 0);
        }
        for (var v : root.getFieldVectors()) {
            v.setValueCount(n);
        }
    }

    /** Writes a SKU into {@code out}; 3% do not match {@link #SKU_PATTERN}. @return its length */
    private static int sku(SplittableRandom rnd, byte[] out) {
        int digits = rnd.nextInt(1_000_000);
        out[0] = 'S';
        out[1] = 'K';
        out[2] = 'U';
        out[3] = '-';
        for (int d = 9; d >= 4; d--) {
            out[d] = (byte) ('0' + digits % 10);
            digits /= 10;
        }
        if (rnd.nextInt(100) >= 3) {
            return 10;
        }
        switch (rnd.nextInt(3)) {
            case 0:
                return 9;                       // five digits
            case 1:
                out[0] = 's';                   // lower case
                out[1] = 'k';
                out[2] = 'u';
                return 10;
            default:
                out[10] = 'X';                  // a trailing letter
                return 11;
        }
    }

    /** A standard normal value (Box-Muller), from the batch's own generator so batches stay independent. */
    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
