package dev.dataproduct.api.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Next firing times of random expressions from random instants, against a reference that walks
 * instant by instant, minute by minute, and decides each minute from the rules stated on
 * {@link CronExpression} directly: its own field matcher, first occurrence of a repeated time, the
 * end of a gap for skipped times. The api module cannot use the testkit's runner (the testkit
 * depends on this module), so the cases come from a seeded random, printed on failure; rerun one
 * with {@code -Dcron.seed=<seed>}.
 */
class CronNextFirePropertyTest {
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("America/St_Johns"), ZoneId.of("Pacific/Chatham"));
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final int HORIZON_MINUTES = 9 * 24 * 60;
    private static final int CASES = 250;

    @Test
    void nextFiringMatchesAMinuteByMinuteReference() {
        long seed = Long.getLong("cron.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < CASES; i++) {
            String text = expression(random);
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            // around a DST change half the time, to visit gaps and overlaps often
            Instant from = random.nextBoolean() ? randomInstant(random) : nearTransition(zone, random);
            String where = "seed " + seed + ", case " + i + ": '" + text + "' in " + zone + " after " + from;
            CronExpression cron;
            try {
                cron = CronExpression.parse(text);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().contains("can never fire"), where + ": " + e.getMessage());
                continue;
            }
            Reference reference = new Reference(text);
            Instant at = from;
            for (int step = 0; step < 3; step++) {
                Optional<Instant> expected = reference.next(at, zone);
                Optional<Instant> actual = cron.next(at, zone);
                if (expected.isPresent()) {
                    assertEquals(expected, actual, where + ", step " + step + " after " + at);
                } else {
                    Instant limit = at.plus(Duration.ofMinutes(HORIZON_MINUTES));
                    assertTrue(actual.isEmpty() || actual.get().isAfter(limit),
                            where + ", step " + step + ": the reference finds nothing until " + limit + ", got " + actual);
                    break;
                }
                at = actual.get();
            }
        }
    }

    private static Instant randomInstant(SplittableRandom random) {
        long start = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
        long end = Instant.parse("2040-01-01T00:00:00Z").getEpochSecond();
        return Instant.ofEpochSecond(random.nextLong(start, end), random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
    }

    private static Instant nearTransition(ZoneId zone, SplittableRandom random) {
        Instant base = randomInstant(random);
        ZoneOffsetTransition t = zone.getRules().nextTransition(base);
        if (t == null) {
            return base;
        }
        return t.getInstant().minusSeconds(random.nextLong(0, 3 * 3600)).minusSeconds(random.nextInt(0, 2) * 60);
    }

    private static String expression(SplittableRandom random) {
        return field(random, 0, 59, null, 0.3) + " " + field(random, 0, 23, null, 0.5) + " "
                + field(random, 1, 31, null, 0.7) + " " + field(random, 1, 12, MONTHS, 0.8) + " "
                + field(random, 0, 7, DAYS, 0.6);
    }

    private static String field(SplittableRandom random, int min, int max, String[] names, double star) {
        if (random.nextDouble() < star) {
            return random.nextInt(5) == 0 ? "*/" + random.nextInt(1, 4 + max / 4) : "*";
        }
        List<String> elements = new ArrayList<>();
        int count = random.nextInt(1, 4);
        for (int i = 0; i < count; i++) {
            int a = random.nextInt(min, max + 1);
            int b = random.nextInt(a, max + 1);
            switch (random.nextInt(4)) {
                case 0 -> elements.add(name(a, min, names, random));
                case 1 -> elements.add(name(a, min, names, random) + "-" + name(b, min, names, random));
                case 2 -> elements.add(a + "-" + b + "/" + random.nextInt(1, 5));
                default -> elements.add(a + "/" + random.nextInt(1, 8));
            }
        }
        return String.join(",", elements);
    }

    private static String name(int value, int min, String[] names, SplittableRandom random) {
        if (names != null && random.nextBoolean() && value - min < names.length) {
            String n = names[value - min];
            return random.nextBoolean() ? n : n.toLowerCase(java.util.Locale.ROOT);
        }
        return Integer.toString(value);
    }

    /** A deliberately plain reading of the expression, set by set, with no shared code. */
    private static final class Reference {
        private final List<java.util.Set<Integer>> sets = new ArrayList<>();
        private final boolean domStar;
        private final boolean dowStar;

        Reference(String text) {
            String[] f = text.split(" ");
            int[][] bounds = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
            for (int i = 0; i < 5; i++) {
                java.util.Set<Integer> set = new java.util.TreeSet<>();
                for (String e : f[i].split(",")) {
                    String[] rs = e.split("/");
                    int step = rs.length > 1 ? Integer.parseInt(rs[1]) : 1;
                    int lo;
                    int hi;
                    if (rs[0].equals("*")) {
                        lo = bounds[i][0];
                        hi = bounds[i][1];
                    } else if (rs[0].contains("-")) {
                        lo = number(rs[0].split("-")[0], i);
                        hi = number(rs[0].split("-")[1], i);
                    } else {
                        lo = number(rs[0], i);
                        hi = rs.length > 1 ? bounds[i][1] : lo;
                    }
                    for (int v = lo; v <= hi; v += step) {
                        set.add(i == 4 && v == 7 ? 0 : v);
                    }
                }
                sets.add(set);
            }
            domStar = f[2].startsWith("*");
            dowStar = f[4].startsWith("*");
        }

        private static int number(String s, int field) {
            String u = s.toUpperCase(java.util.Locale.ROOT);
            for (int k = 0; k < 12; k++) {
                if (field == 3 && u.equals(MONTHS[k])) {
                    return k + 1;
                }
                if (field == 4 && k < 7 && u.equals(DAYS[k])) {
                    return k;
                }
            }
            return Integer.parseInt(s);
        }

        boolean matches(LocalDateTime t) {
            boolean dom = sets.get(2).contains(t.getDayOfMonth());
            int dowValue = t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue();
            boolean dow = sets.get(4).contains(dowValue);
            boolean day = domStar || dowStar ? dom && dow : dom || dow;
            return day && sets.get(3).contains(t.getMonthValue()) && sets.get(1).contains(t.getHour())
                    && sets.get(0).contains(t.getMinute());
        }

        /** Whether the expression fires at a whole minute. */
        boolean firesAt(Instant t, ZoneId zone) {
            ZoneRules rules = zone.getRules();
            LocalDateTime local = LocalDateTime.ofInstant(t, zone);
            if (matches(local) && rules.getValidOffsets(local).get(0).equals(rules.getOffset(t))) {
                return true;  // the first (or only) occurrence of a matching wall-clock time
            }
            ZoneOffsetTransition tr = rules.nextTransition(t.minusSeconds(1));
            if (tr != null && tr.getInstant().equals(t) && tr.isGap()) {
                for (LocalDateTime m = tr.getDateTimeBefore(); m.isBefore(tr.getDateTimeAfter()); m = m.plusMinutes(1)) {
                    if (matches(m)) {
                        return true;  // a skipped time fires at the end of the gap
                    }
                }
            }
            return false;
        }

        Optional<Instant> next(Instant after, ZoneId zone) {
            Instant t = after.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            for (int i = 0; i < HORIZON_MINUTES; i++, t = t.plus(Duration.ofMinutes(1))) {
                if (firesAt(t, zone)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }
}
