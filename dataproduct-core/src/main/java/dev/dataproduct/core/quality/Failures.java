package dev.dataproduct.core.quality;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The failing rows of one row-level metric: their number, the first {@value #POSITIONS} positions,
 * the first {@value #FIRST} values and the most frequent values. Memory is bounded whatever the
 * data. Values are turned into text only when kept, so a failing row costs a counter update.
 */
final class Failures {
    static final int POSITIONS = 10;
    static final int FIRST = 5;

    long count;
    private final long[] positions = new long[POSITIONS];
    private int positionCount;
    private final long[] firstPositions = new long[FIRST];
    private final String[] firstValues = new String[FIRST];
    private int firstCount;
    private final HeavyHitters frequent = new HeavyHitters();
    private Labeler pendingLabeler;
    /** Why some rows could not be evaluated (the first reason met), or null: the check is an error. */
    String error;

    /** Gives the text of a row's value, only when it is kept. */
    interface Labeler {
        String label(int row);
    }

    /**
     * Records one failing row whose value hashes to {@code key}. The value's text is made now only
     * for the first values; for the most frequent values it is made by {@link #flush}, which the
     * caller must call at the end of the batch, while the labeler still reads it.
     */
    void add(long position, long key, Labeler labeler, int row) {
        count++;
        if (positionCount < POSITIONS) {
            positions[positionCount++] = position;
        }
        int slot = frequent.add(key);
        if (firstCount < FIRST) {
            String label = labeler.label(row);
            if (slot >= 0) {
                frequent.label(slot, label);
            }
            firstPositions[firstCount] = position;
            firstValues[firstCount++] = label;
        } else if (slot >= 0) {
            frequent.defer(slot, row);
            pendingLabeler = labeler;
        }
    }

    /** Makes the texts of the values kept from this batch; call once a batch's rows are all added. */
    void flush() {
        if (pendingLabeler != null) {
            frequent.flush(pendingLabeler);
            pendingLabeler = null;
        }
    }

    /**
     * Records {@code n} failing rows of one value, one of which is {@code row} of the current batch
     * (its text is made by {@link #flush} if the value is kept); their positions are given by
     * {@link #position} as the rows are met.
     */
    void addMany(long n, long key, Labeler labeler, int row) {
        count += n;
        int slot = frequent.add(key, n);
        if (slot >= 0) {
            frequent.defer(slot, row);
            pendingLabeler = labeler;
        }
    }

    /** Records {@code n} failing rows of one value, at positions given by {@link #position} afterwards. */
    void addSame(long n, long key, String label) {
        count += n;
        frequent.add(key, label, n);
    }

    boolean wantsPositions() {
        return positionCount < POSITIONS || firstCount < FIRST;
    }

    /** Records the position of a row counted by {@link #addMany}, making its text only if it is kept. */
    void position(long position, Labeler labeler, int row) {
        if (positionCount < POSITIONS) {
            positions[positionCount++] = position;
        }
        if (firstCount < FIRST) {
            firstPositions[firstCount] = position;
            firstValues[firstCount++] = labeler.label(row);
        }
    }

    /** Records the position of a row counted by {@link #addSame}. */
    void position(long position, String label) {
        if (positionCount < POSITIONS) {
            positions[positionCount++] = position;
        }
        if (firstCount < FIRST) {
            firstPositions[firstCount] = position;
            firstValues[firstCount++] = label;
        }
    }

    /** Records why some rows could not be evaluated; the first reason is kept. */
    void error(String reason) {
        if (error == null) {
            error = reason;
        }
    }

    /** Folds in the failures of rows that come {@code shift} rows after this state's rows. */
    void merge(Failures other, long shift) {
        error(other.error);
        count += other.count;
        long[] p = new long[positionCount + other.positionCount];
        System.arraycopy(positions, 0, p, 0, positionCount);
        for (int i = 0; i < other.positionCount; i++) {
            p[positionCount + i] = other.positions[i] + shift;
        }
        java.util.Arrays.sort(p);
        positionCount = Math.min(POSITIONS, p.length);
        System.arraycopy(p, 0, positions, 0, positionCount);

        List<Object[]> firsts = new ArrayList<>();
        for (int i = 0; i < firstCount; i++) {
            firsts.add(new Object[] {firstPositions[i], firstValues[i]});
        }
        for (int i = 0; i < other.firstCount; i++) {
            firsts.add(new Object[] {other.firstPositions[i] + shift, other.firstValues[i]});
        }
        firsts.sort(java.util.Comparator.comparingLong(a -> (Long) a[0]));
        firstCount = Math.min(FIRST, firsts.size());
        for (int i = 0; i < firstCount; i++) {
            firstPositions[i] = (Long) firsts.get(i)[0];
            firstValues[i] = (String) firsts.get(i)[1];
        }
        frequent.merge(other.frequent);
    }

    List<Long> positions() {
        List<Long> out = new ArrayList<>(positionCount);
        for (int i = 0; i < positionCount; i++) {
            out.add(positions[i]);
        }
        return out;
    }

    List<String> firstValues() {
        return List.of(java.util.Arrays.copyOf(firstValues, firstCount));
    }

    List<ValueCount> frequentValues() {
        return frequent.top(FIRST);
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeInt(positionCount);
        for (int i = 0; i < positionCount; i++) {
            out.writeLong(positions[i]);
        }
        out.writeInt(firstCount);
        for (int i = 0; i < firstCount; i++) {
            out.writeLong(firstPositions[i]);
            out.writeUTF(firstValues[i]);
        }
        frequent.write(out);
        out.writeBoolean(error != null);
        if (error != null) {
            // writeUTF holds at most 65,535 bytes; the reason quotes the user's pattern, which may be longer
            out.writeUTF(error.length() > 4_000 ? error.substring(0, 4_000) + "…" : error);
        }
    }

    void read(DataInput in) throws IOException {
        count = in.readLong();
        positionCount = in.readInt();
        for (int i = 0; i < positionCount; i++) {
            positions[i] = in.readLong();
        }
        firstCount = in.readInt();
        for (int i = 0; i < firstCount; i++) {
            firstPositions[i] = in.readLong();
            firstValues[i] = in.readUTF();
        }
        frequent.read(in);
        error = in.readBoolean() ? in.readUTF() : null;
    }
}
