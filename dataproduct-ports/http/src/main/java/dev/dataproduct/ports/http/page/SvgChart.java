package dev.dataproduct.ports.http.page;

import java.util.List;
import java.util.Objects;

/**
 * Line and bar charts as inline SVG, with axes and one element per data point carrying its label
 * and value as {@code data-label} and {@code data-value}, so a browser test can count and read them.
 * Nothing is measured in the browser: the layout is computed here, so the SVG needs no script.
 */
final class SvgChart {
    static final int WIDTH = 420;
    static final int HEIGHT = 200;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 24;
    private static final int BOTTOM = 34;

    /** One data point: its label on the x axis, such as a date or a snapshot id, and its value. */
    record Point(String label, double value) {
        Point {
            Objects.requireNonNull(label, "label");
        }
    }

    private SvgChart() {
    }

    /**
     * @param id the chart's id, unique in its page, in {@code data-chart}
     * @param title the title drawn above the plot
     * @param points the values in order; non-finite ones are left out
     * @return a line chart
     */
    static String line(String id, String title, List<Point> points) {
        return chart(id, title, points, false);
    }

    /**
     * @param id the chart's id, unique in its page, in {@code data-chart}
     * @param title the title drawn above the plot
     * @param points the values in order; non-finite ones are left out
     * @return a bar chart, bars rising from zero
     */
    static String bar(String id, String title, List<Point> points) {
        return chart(id, title, points, true);
    }

    private static String chart(String id, String title, List<Point> all, boolean bars) {
        List<Point> points = all.stream().filter(p -> Double.isFinite(p.value())).toList();
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"").append(Html.esc(id))
                .append("\" data-kind=\"").append(bars ? "bar" : "line").append("\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\">");
        s.append("<title>").append(Html.esc(title)).append("</title>");
        s.append("<text x=\"").append(LEFT).append("\" y=\"14\" font-weight=\"600\">").append(Html.esc(title))
                .append("</text>");
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        int bottom = TOP + plotH;
        s.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
                .append(LEFT).append("\" y2=\"").append(bottom).append("\"/>");
        s.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(bottom).append("\"/>");
        if (points.isEmpty()) {
            s.append("<text x=\"").append(LEFT + 10).append("\" y=\"").append(TOP + plotH / 2)
                    .append("\">no data yet</text></svg>");
            return s.toString();
        }
        double min = points.stream().mapToDouble(Point::value).min().orElse(0);
        double max = points.stream().mapToDouble(Point::value).max().orElse(0);
        if (bars || min > 0 && min < max / 2) {
            min = Math.min(0, min);
        }
        if (max == min) {
            max = min + (min == 0 ? 1 : Math.abs(min) * 0.1);
            if (!bars) {
                min = min - (max - min);
            }
        }
        double lo = min;
        double hi = max;
        for (int t = 0; t <= 2; t++) {
            double v = lo + (hi - lo) * t / 2;
            double y = bottom - plotH * (v - lo) / (hi - lo);
            s.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(Html.num(y + 4))
                    .append("\" text-anchor=\"end\">").append(Html.esc(tick(v))).append("</text>");
        }
        int n = points.size();
        double step = (double) plotW / n;
        StringBuilder path = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            double cx = LEFT + step * (i + 0.5);
            double y = bottom - plotH * (p.value() - lo) / (hi - lo);
            String data = " data-label=\"" + Html.esc(p.label()) + "\" data-value=\"" + Html.num(p.value()) + "\"";
            String tip = "<title>" + Html.esc(p.label() + ": " + tick(p.value())) + "</title>";
            if (bars) {
                double w = Math.max(1, step * 0.7);
                double zero = bottom - plotH * (Math.max(lo, Math.min(0, hi)) - lo) / (hi - lo);
                marks.append("<rect class=\"bar\" x=\"").append(Html.num(cx - w / 2)).append("\" y=\"")
                        .append(Html.num(Math.min(y, zero))).append("\" width=\"").append(Html.num(w))
                        .append("\" height=\"").append(Html.num(Math.max(0.5, Math.abs(zero - y)))).append('"')
                        .append(data).append('>').append(tip).append("</rect>");
            } else {
                path.append(i == 0 ? "M" : " L").append(Html.num(cx)).append(' ').append(Html.num(y));
                marks.append("<circle class=\"point\" cx=\"").append(Html.num(cx)).append("\" cy=\"")
                        .append(Html.num(y)).append("\" r=\"3\"").append(data).append('>').append(tip)
                        .append("</circle>");
            }
        }
        if (!bars && n > 1) {
            s.append("<path class=\"line\" d=\"").append(path).append("\"/>");
        }
        s.append(marks);
        s.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 8).append("\">")
                .append(Html.esc(shorten(points.get(0).label()))).append("</text>");
        if (n > 1) {
            s.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 8)
                    .append("\" text-anchor=\"end\">").append(Html.esc(shorten(points.get(n - 1).label())))
                    .append("</text>");
        }
        return s.append("</svg>").toString();
    }

    private static String tick(double v) {
        if (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3 && v != 0) {
            return String.format(java.util.Locale.ROOT, "%.3g", v);
        }
        return Html.num(Math.round(v * 1000) / 1000.0);
    }

    private static String shorten(String label) {
        return label.length() > 24 ? label.substring(0, 23) + "\u2026" : label;
    }
}
