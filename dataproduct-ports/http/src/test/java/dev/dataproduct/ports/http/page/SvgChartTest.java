package dev.dataproduct.ports.http.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgChartTest {
    private static final Pattern POINT = Pattern.compile("<circle class=\"point\" cx=\"([-0-9.]+)\" cy=\"([-0-9.]+)\"");
    private static final Pattern BAR = Pattern.compile("<rect class=\"bar\" x=\"[-0-9.]+\" y=\"([-0-9.]+)\" "
            + "width=\"[-0-9.]+\" height=\"([-0-9.]+)\"");

    static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void drawsOnePointPerFiniteValueWithItsLabelAndValue() {
        String svg = SvgChart.line("c", "rows", List.of(new SvgChart.Point("a", 1), new SvgChart.Point("b", Double.NaN),
                new SvgChart.Point("c", 2.5)));
        assertEquals(2, count(svg, "class=\"point\""));
        assertTrue(svg.contains("data-label=\"c\" data-value=\"2.5\""), svg);
        assertTrue(svg.contains("<path class=\"line\""));
    }

    @Test
    void escapesTitlesAndLabels() {
        String svg = SvgChart.bar("c<", "a \"title\" <b>", List.of(new SvgChart.Point("<script>", 3)));
        assertFalse(svg.contains("<script>"));
        assertFalse(svg.contains("<b>"));
        assertTrue(svg.contains("data-label=\"&lt;script&gt;\""));
        assertTrue(svg.contains("data-chart=\"c&lt;\""));
    }

    @Test
    void saysSoWhenThereIsNoData() {
        String svg = SvgChart.line("c", "t", List.of());
        assertTrue(svg.contains("no data yet"));
        assertEquals(0, count(svg, "class=\"point\""));
    }

    /** Every point of any series lies inside the plot, higher values higher up (seeded; the seed is in the message). */
    @Test
    void placesEveryPointInsideThePlotInTheOrderOfItsValue() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(40);
            List<SvgChart.Point> points = new ArrayList<>();
            double scale = Math.pow(10, random.nextInt(-3, 9));
            for (int i = 0; i < n; i++) {
                points.add(new SvgChart.Point("p" + i, (random.nextDouble() * 2 - (random.nextBoolean() ? 1 : 0))
                        * scale));
            }
            String svg = SvgChart.line("c", "t", points);
            Matcher m = POINT.matcher(svg);
            List<double[]> xy = new ArrayList<>();
            while (m.find()) {
                xy.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
            }
            assertEquals(n, xy.size(), "seed " + seed);
            for (int i = 0; i < n; i++) {
                double[] p = xy.get(i);
                assertTrue(p[0] > 0 && p[0] < SvgChart.WIDTH && p[1] >= 0 && p[1] <= SvgChart.HEIGHT,
                        "seed " + seed + ": point " + i + " at " + p[0] + "," + p[1] + " of " + points);
                for (int j = 0; j < n; j++) {
                    if (points.get(i).value() > points.get(j).value()) {
                        assertTrue(xy.get(i)[1] <= xy.get(j)[1], "seed " + seed + ": higher is drawn higher");
                    }
                }
            }
            String bars = SvgChart.bar("b", "t", points);
            Matcher b = BAR.matcher(bars);
            int found = 0;
            while (b.find()) {
                double top = Double.parseDouble(b.group(1));
                double h = Double.parseDouble(b.group(2));
                assertTrue(top >= 0 && top + h <= SvgChart.HEIGHT + 0.01, "seed " + seed + ": bar inside the plot");
                found++;
            }
            assertEquals(n, found, "seed " + seed);
        }
    }
}
