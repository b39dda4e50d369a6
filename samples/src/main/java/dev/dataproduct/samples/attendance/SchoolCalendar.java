package dev.dataproduct.samples.attendance;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The district's school year 2025-26: the weekdays from 25 August 2025 to 5 June 2026 without its
 * holidays and breaks, 180 days in all.
 */
public final class SchoolCalendar {
    /** The district's time zone: school days and class times are local to it. */
    public static final ZoneId ZONE = ZoneId.of("America/Chicago");
    /** The first day of school. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2025, 8, 25);
    /** The last day of school. */
    public static final LocalDate LAST_DAY = LocalDate.of(2026, 6, 5);

    private static final Set<LocalDate> HOLIDAYS = holidays();
    private static final List<LocalDate> DAYS = days();

    private SchoolCalendar() {
    }

    /** @return the school days of the year, in order */
    public static List<LocalDate> schoolDays() {
        return DAYS;
    }

    private static List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = FIRST_DAY; !d.isAfter(LAST_DAY); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !HOLIDAYS.contains(d)) {
                days.add(d);
            }
        }
        return List.copyOf(days);
    }

    private static Set<LocalDate> holidays() {
        List<LocalDate> off = new ArrayList<>(List.of(
                LocalDate.of(2025, 9, 1),     // Labor Day
                LocalDate.of(2025, 10, 13),   // teacher in-service
                LocalDate.of(2025, 11, 11),   // Veterans Day
                LocalDate.of(2026, 1, 19),    // Martin Luther King Jr. Day
                LocalDate.of(2026, 2, 16),    // Presidents' Day
                LocalDate.of(2026, 4, 3),     // teacher in-service
                LocalDate.of(2026, 5, 25)));  // Memorial Day
        addRange(off, LocalDate.of(2025, 11, 26), LocalDate.of(2025, 11, 28)); // Thanksgiving break
        addRange(off, LocalDate.of(2025, 12, 22), LocalDate.of(2026, 1, 2));   // winter break
        addRange(off, LocalDate.of(2026, 3, 16), LocalDate.of(2026, 3, 20));   // spring break
        return Set.copyOf(off);
    }

    private static void addRange(List<LocalDate> to, LocalDate from, LocalDate until) {
        for (LocalDate d = from; !d.isAfter(until); d = d.plusDays(1)) {
            to.add(d);
        }
    }
}
