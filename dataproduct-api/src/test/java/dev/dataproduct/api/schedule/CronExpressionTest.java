package dev.dataproduct.api.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** The next {@code count} firings after {@code from}. */
    static List<Instant> firings(String cron, ZoneId zone, String from, int count) {
        CronExpression e = CronExpression.parse(cron);
        List<Instant> out = new ArrayList<>();
        Instant at = Instant.parse(from);
        for (int i = 0; i < count; i++) {
            at = e.next(at, zone).orElseThrow();
            out.add(at);
        }
        return out;
    }

    static List<Instant> instants(String... texts) {
        return java.util.Arrays.stream(texts).map(Instant::parse).toList();
    }

    @Test
    void firesOnListsRangesStepsAndNamesInOrder() {
        assertEquals(instants("2026-01-02T09:00:00Z", "2026-01-02T09:20:00Z", "2026-01-02T09:40:00Z",
                        "2026-01-02T10:00:00Z", "2026-01-02T10:20:00Z", "2026-01-02T10:40:00Z", "2026-01-05T09:00:00Z"),
                firings("*/20 9-10 * * mon-FRI", ZoneOffset.UTC, "2026-01-01T23:00:00Z", 7),
                "Jan 2 2026 is a Friday, Jan 5 the next Monday");
        assertEquals(instants("2026-07-01T12:05:00Z", "2026-07-01T12:50:00Z", "2027-01-01T12:05:00Z"),
                firings("5,50 12 1 JAN,jul *", ZoneOffset.UTC, "2026-01-01T12:50:00Z", 3));
        assertEquals(instants("2026-03-01T00:45:00Z", "2026-03-01T00:55:00Z", "2026-03-01T01:45:00Z"),
                firings("45/10 * * * *", ZoneOffset.UTC, "2026-03-01T00:00:00Z", 3), "a/n runs from a to the end");
        assertEquals(instants("2026-01-04T00:00:00Z", "2026-01-10T00:00:00Z", "2026-01-11T00:00:00Z"),
                firings("0 0 * * 6,7", ZoneOffset.UTC, "2026-01-03T00:00:00Z", 3), "7 is Sunday too");
    }

    @Test
    void aDayMatchesEitherRestrictedDayFieldButBothWhenOneStartsWithAStar() {
        // January 2026: the 13th is a Tuesday, Fridays are the 2nd, 9th, 16th, 23rd and 30th
        assertEquals(instants("2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z", "2026-01-13T00:00:00Z",
                        "2026-01-16T00:00:00Z"),
                firings("0 0 13 * FRI", ZoneOffset.UTC, "2026-01-01T00:00:00Z", 4));
        assertEquals(instants("2026-01-09T00:00:00Z", "2026-01-23T00:00:00Z", "2026-02-13T00:00:00Z"),
                firings("0 0 */2 * FRI", ZoneOffset.UTC, "2026-01-01T00:00:00Z", 3), "odd days that are Fridays");
        assertEquals(instants("2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", "2026-01-10T00:00:00Z"),
                firings("0 0 * * */6", ZoneOffset.UTC, "2026-01-02T00:00:00Z", 3), "Saturdays and Sundays");
    }

    @Test
    void firesOnFebruary29OnlyInLeapYears() {
        assertEquals(instants("2028-02-29T06:00:00Z", "2032-02-29T06:00:00Z"),
                firings("0 6 29 2 *", ZoneOffset.UTC, "2026-03-01T00:00:00Z", 2));
        assertEquals(instants("2028-02-29T00:00:00Z", "2028-03-29T00:00:00Z", "2028-03-30T00:00:00Z"),
                firings("0 0 29-31 * *", ZoneOffset.UTC, "2028-02-28T00:00:00Z", 3));
    }

    @Test
    void aTimeSkippedBySpringForwardFiresOnceAtTheEndOfTheGapInBerlin() {
        // 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00Z)
        assertEquals(instants("2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"),
                firings("30 2 * * *", BERLIN, "2026-03-27T12:00:00Z", 3));
        assertEquals(instants("2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z"),
                firings("*/15 2 * * *", BERLIN, "2026-03-28T12:00:00Z", 2), "four skipped times fire once");
        assertEquals(instants("2026-03-29T00:45:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:15:00Z"),
                firings("*/15 * * * *", BERLIN, "2026-03-29T00:30:00Z", 3), "02:00-02:45 and 03:00 fire once");
    }

    @Test
    void aTimeRepeatedByFallBackFiresOnceInBerlinAndNewYork() {
        // 2026-10-25 Berlin: 03:00 CEST becomes 02:00 CET (01:00Z)
        assertEquals(instants("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"),
                firings("30 2 * * *", BERLIN, "2026-10-24T12:00:00Z", 2));
        // 2026-11-01 New York: 02:00 EDT becomes 01:00 EST (06:00Z)
        assertEquals(instants("2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"),
                firings("30 1 * * *", NEW_YORK, "2026-10-31T12:00:00Z", 2));
        assertEquals(instants("2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z"),
                firings("0 * * * *", NEW_YORK, "2026-11-01T04:30:00Z", 2), "01:00 comes twice and fires once");
        assertEquals(instants("2026-11-01T07:00:00Z"),
                firings("0 * * * *", NEW_YORK, "2026-11-01T06:10:00Z", 1), "searching from the repeated hour");
    }

    @Test
    void aTimeSkippedBySpringForwardFiresOnceInNewYork() {
        // 2026-03-08: 02:00 EST becomes 03:00 EDT (07:00Z)
        assertEquals(instants("2026-03-07T07:00:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:00:00Z"),
                firings("0 2 * * *", NEW_YORK, "2026-03-06T12:00:00Z", 3));
        assertEquals(instants("2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"),
                firings("0 2,3,4 8 3 *", NEW_YORK, "2026-03-08T00:00:00Z", 2), "02:00 and 03:00 fire once together");
    }

    @Test
    void parseErrorsNameTheFieldAndWhy() {
        assertMessage("0 25 * * *", "field 2 (hour) '25': 25 is out of range 0-23");
        assertMessage("0 6 * *", "has 4 fields; write five");
        assertMessage("0 0 30 2 *", "can never fire");
        assertMessage("*/0 * * * *", "field 1 (minute) '*/0': step 0 must be 1 or more");
        assertMessage("0 0 * 5-1 *", "field 4 (month) '5-1': range 5-1 runs backwards");
        assertMessage("0 0 * FOO *", "field 4 (month) 'FOO': value 'FOO' is not a number");
        assertMessage("0 0 * * 8", "field 5 (day of week) '8': 8 is out of range 0-7 (0 and 7 are Sunday)");
        assertMessage("1,,2 0 * * *", "field 1 (minute) '1,,2': has an empty list element");
        assertMessage("0 0 0 * *", "field 3 (day of month) '0': 0 is out of range 1-31");
    }

    private static void assertMessage(String cron, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CronExpression.parse(cron));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void expressionsThatFireAtTheSameTimesAreEqual() {
        assertEquals(CronExpression.parse("0 0 * JAN-MAR SUN"), CronExpression.parse("0  0 * 1,2,3 7"));
        assertEquals("0 0 * JAN-MAR SUN", CronExpression.parse(" 0  0 * JAN-MAR SUN ").toString());
    }

    @Test
    void anIntervalFiresOnWholePeriodsFromItsAnchor() {
        Schedule.Every hourly = Schedule.every(java.time.Duration.ofHours(1));
        assertEquals(Optional.of(Instant.parse("2026-01-01T11:00:00Z")), hourly.nextSlot(Instant.parse("2026-01-01T10:20:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-01-01T12:00:00Z")), hourly.nextSlot(Instant.parse("2026-01-01T11:00:00Z")));
        Schedule.Every shifted = hourly.from(Instant.parse("2026-01-01T00:15:00Z"));
        assertEquals(Optional.of(Instant.parse("2026-01-01T10:15:00Z")), shifted.nextSlot(Instant.parse("2026-01-01T09:59:59Z")));
        assertEquals(Optional.of(Instant.parse("1969-12-31T23:00:00Z")), hourly.nextSlot(Instant.parse("1969-12-31T22:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> hourly.withJitter(java.time.Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> Schedule.every(java.time.Duration.ofMillis(10)));
    }
}
