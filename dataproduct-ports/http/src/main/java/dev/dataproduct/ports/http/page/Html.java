package dev.dataproduct.ports.http.page;

/** Escaping for HTML text, attributes and SVG, which share the same rules. */
final class Html {
    private Html() {
    }

    /**
     * @param text any text, or null
     * @return the text safe inside an element or a quoted attribute
     */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> c < 0x20 && c != '\n' && c != '\t' ? "\uFFFD" : null;
            };
            if (r != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (r != null) {
                    out.append(r);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** A number for an SVG coordinate or a data attribute: short, locale-free, finite. */
    static String num(double value) {
        if (!Double.isFinite(value)) {
            return "0";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String s = String.format(java.util.Locale.ROOT, "%.4f", value);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** The stylesheet every page carries inline, so the page opens with nothing else. */
    static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2733;\
            background:#f6f7f9;line-height:1.45}
            header{background:#1f3a5f;color:#fff;padding:1.2rem 2rem}
            header a{color:#cfe0ff}
            header h1{margin:.2rem 0;font-size:1.7rem}
            main{padding:1rem 2rem 3rem;max-width:72rem}
            section{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:.8rem 1.2rem;margin:1rem 0}
            h2{font-size:1.2rem;margin:.3rem 0 .6rem;color:#1f3a5f}
            h3{font-size:1rem;margin:.8rem 0 .4rem}
            table{border-collapse:collapse;width:100%;font-size:.9rem}
            th,td{border-bottom:1px solid #e6e9ee;padding:.3rem .5rem;text-align:left;vertical-align:top}
            th{background:#f0f3f7}
            code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
            pre{background:#f0f3f7;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
            dt{font-weight:600}dd{margin:0}
            .tag{display:inline-block;background:#e3ecfa;border-radius:3px;padding:0 .4rem;margin:0 .2rem .2rem 0;\
            font-size:.8rem}
            .pass{color:#1b7f3b;font-weight:600}.fail{color:#b3261e;font-weight:600}.warn{color:#9a6700;font-weight:600}
            .note{color:#5b6775;font-style:italic}
            .charts{display:flex;flex-wrap:wrap;gap:1rem}
            svg text{font-size:11px;fill:#3b4754}
            svg .axis{stroke:#8a96a3;stroke-width:1}
            svg .line{fill:none;stroke:#2f6fd0;stroke-width:2}
            svg .point{fill:#2f6fd0}svg .bar{fill:#5b8fd9}
            svg .edge{stroke:#8a96a3;stroke-width:1.5;fill:none}
            svg .node rect{stroke:#1f3a5f;stroke-width:1;rx:4}
            svg .domain-band{fill-opacity:.08;stroke-opacity:.4}
            """;
}
