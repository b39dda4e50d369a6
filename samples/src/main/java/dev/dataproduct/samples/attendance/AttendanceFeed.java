package dev.dataproduct.samples.attendance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.dataproduct.core.io.JsonValues;
import dev.dataproduct.ports.stream.InMemoryStream;
import dev.dataproduct.samples.students.StudentDirectoryApp;
import dev.dataproduct.samples.students.StudentMaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The schools' attendance system as the event-driven {@link AttendanceEvents} sees it: it publishes
 * the sample's attendance records to {@value AttendanceEvents#RECORDS_TOPIC}, one JSON record per
 * student and day keyed by its event id. The sample uses the in-memory stream so that it runs
 * without a broker; against Kafka, any producer writing the same JSON does the same.
 */
public final class AttendanceFeed {
    private static final List<String> COLUMNS = List.of("event_id", "student_id", "school_id", "date", "status",
            "minutes_late", "recorded_at");

    private AttendanceFeed() {
    }

    /**
     * Publishes every attendance record of the sample's school year.
     *
     * @param stream the stream
     * @return how many records were published
     */
    public static long publish(InMemoryStream stream) {
        AttendanceGenerator generator = new AttendanceGenerator(
                StudentMaster.generated(StudentDirectoryApp.STUDENTS, StudentDirectoryApp.SEED), AttendanceEvents.SEED);
        JsonFactory json = JsonFactory.builder().build();
        long[] n = {0};
        generator.attendance(row -> {
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            try (JsonGenerator g = json.createGenerator(value)) {
                g.writeStartObject();
                for (int c = 0; c < COLUMNS.size(); c++) {
                    g.writeFieldName(COLUMNS.get(c));
                    JsonValues.write(g, row[c]);
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stream.append(AttendanceEvents.RECORDS_TOPIC, ((String) row[0]).getBytes(StandardCharsets.UTF_8),
                    value.toByteArray(), Map.of(), (Instant) row[6]);
            n[0]++;
        });
        return n[0];
    }
}
