package dev.channels.bench.report;

import java.util.List;
import java.util.Locale;

/** A minimal SVG writer and the two chart shapes the report draws: bars and lines, on log axes. */
final class Svg {
    static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
        "#7f7f7f", "#bcbd22", "#17becf"};

    /** One colour per contender, the same in every chart: reds for ours, others in cool colours, the floor grey. */
    static String color(String impl) {
        return switch (impl) {
            case "channels-busySpin" -> "#b2182b";
            case "channels-spinThenPark" -> "#e6550d";
            case "channels-park" -> "#f4a582";
            case "floor" -> "#7f7f7f";
            case "exchanger" -> "#762a83";
            case "synchronousQueue" -> "#2166ac";
            case "linkedTransferQueue" -> "#4393c3";
            case "jox" -> "#1b7837";
            case "joxBuffered" -> "#7fbf7b";
            case "jctools" -> "#01665e";
            case "agrona" -> "#8c510a";
            default -> impl.startsWith("channels") ? "#d6604d" : "#35978f";
        };
    }

    private final StringBuilder body = new StringBuilder();
    private final int width;
    private int height;

    Svg(int width, int height) {
        this.width = width;
        this.height = height;
    }

    int height() {
        return height;
    }

    void grow(int h) {
        height = Math.max(height, h);
    }

    void text(double x, double y, String s, String anchor, int size, boolean bold, String color) {
        body.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\"%s fill=\"%s\">%s</text>%n", x, y, anchor, size,
                bold ? " font-weight=\"bold\"" : "", color, escape(s)));
    }

    void verticalText(double x, double y, String s, int size) {
        body.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"%d\" transform=\"rotate(-90 %.1f %.1f)\">%s</text>%n",
                x, y, size, x, y, escape(s)));
    }

    void line(double x1, double y1, double x2, double y2, String color, double w, String dash) {
        body.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n", x1, y1, x2,
                y2, color, w, dash == null ? "" : " stroke-dasharray=\"" + dash + "\""));
    }

    void rect(double x, double y, double w, double h, String fill, double opacity) {
        body.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"%.2f\"/>%n", x, y,
                Math.max(0, w), Math.max(0, h), fill, opacity));
    }

    void circle(double x, double y, double r, String fill) {
        body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>%n", x, y, r, fill));
    }

    void polyline(List<double[]> points, String color, String dash) {
        StringBuilder p = new StringBuilder();
        for (double[] xy : points) {
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", xy[0], xy[1]));
        }
        body.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                p.toString().trim(), color, dash == null ? "" : " stroke-dasharray=\"" + dash + "\""));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n%s</svg>%n",
                width, height, width, height, body);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ------------------------------------------------------------------ log axis

    /** A log-10 axis mapping [lo, hi] (positive) onto [from, to] pixels. */
    record LogAxis(double lo, double hi, double from, double to) {
        static LogAxis covering(double min, double max, double from, double to) {
            double lo = Math.pow(10, Math.floor(Math.log10(Math.max(min, 1e-9))));
            double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(max, lo * 10))));
            if (hi / lo < 10) {
                hi = lo * 10;
            }
            return new LogAxis(lo, hi, from, to);
        }

        double at(double v) {
            double c = Math.min(Math.max(v, lo), hi);
            return from + (to - from) * (Math.log10(c) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
        }

        /** Ticks at 1, 2 and 5 times the powers of ten (1 and 10 only when the range is wide). */
        double[] ticks() {
            boolean wide = hi / lo > 1e4;
            List<Double> t = new java.util.ArrayList<>();
            for (double d = lo; d <= hi * 1.0001; d *= 10) {
                t.add(d);
                if (!wide && d * 2 <= hi) {
                    t.add(d * 2);
                }
                if (!wide && d * 5 <= hi) {
                    t.add(d * 5);
                }
            }
            return t.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    static String tick(double v) {
        if (v >= 1e6) {
            return fmt(v / 1e6) + "M";
        }
        if (v >= 1e3) {
            return fmt(v / 1e3) + "k";
        }
        return fmt(v);
    }

    private static String fmt(double v) {
        if (v == Math.rint(v)) {
            return String.valueOf((long) v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------ horizontal bars

    /** One bar: a median with its interval. */
    record Bar(String label, Stats.Interval value, String color) {
    }

    /** A titled group of bars. */
    record BarGroup(String title, List<Bar> bars) {
    }

    /** Reference line on the value axis. */
    record Reference(double value, String label) {
    }

    /**
     * Draws horizontal bars on a log axis, group under group, starting at {@code top}; returns
     * the y below the chart.
     */
    double bars(double top, String title, String axisLabel, List<BarGroup> groups, List<Reference> refs) {
        final double labelWidth = 200;
        final double left = labelWidth + 10;
        final double right = width - 30;
        final double rowHeight = 20;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (BarGroup g : groups) {
            for (Bar b : g.bars()) {
                if (!b.value().isEmpty()) {
                    min = Math.min(min, Math.min(b.value().lo(), b.value().median()));
                    max = Math.max(max, Math.max(b.value().hi(), b.value().median()));
                }
            }
        }
        for (Reference r : refs) {
            min = Math.min(min, r.value());
            max = Math.max(max, r.value());
        }
        if (max == 0) {
            return top;
        }
        LogAxis axis = LogAxis.covering(min, max, left, right);
        text(width / 2.0, top + 18, title, "middle", 15, true, "black");
        double y = top + 52;
        double chartTop = y;
        for (BarGroup g : groups) {
            text(10, y + 14, g.title(), "start", 13, true, "#333");
            y += rowHeight + 2;
            for (Bar b : g.bars()) {
                text(labelWidth, y + 14, b.label(), "end", 12, false, "black");
                if (!b.value().isEmpty()) {
                    double x0 = axis.at(axis.lo());
                    rect(x0, y + 3, axis.at(b.value().median()) - x0, rowHeight - 6, b.color(), 0.75);
                    double lo = axis.at(b.value().lo());
                    double hi = axis.at(b.value().hi());
                    line(lo, y + rowHeight / 2, hi, y + rowHeight / 2, "black", 1.2, null);
                    line(lo, y + 5, lo, y + rowHeight - 5, "black", 1.2, null);
                    line(hi, y + 5, hi, y + rowHeight - 5, "black", 1.2, null);
                    text(Math.min(hi + 4, right - 40), y + 14, label(b.value().median()), "start", 11, false, "#333");
                }
                y += rowHeight;
            }
            y += 6;
        }
        double chartBottom = y;
        for (double t : axis.ticks()) {
            double x = axis.at(t);
            line(x, chartTop, x, chartBottom, "#ddd", 1, null);
            text(x, chartBottom + 14, tick(t), "middle", 11, false, "#333");
        }
        int k = 0;
        for (Reference r : refs) { // labels staggered: references may sit close together
            double x = axis.at(r.value());
            line(x, chartTop - 4 - 12 * (k % 2), x, chartBottom, "#444", 1.2, "5,3");
            text(x, chartTop - 8 - 12 * (k % 2), r.label(), "middle", 11, false, "#444");
            k++;
        }
        text((left + right) / 2, chartBottom + 32, axisLabel, "middle", 12, false, "black");
        grow((int) (chartBottom + 45));
        return chartBottom + 45;
    }

    static String label(double v) {
        return Report.num(v);
    }

    // ------------------------------------------------------------------ lines over categories

    /** One point of a series. */
    record Point(int category, Stats.Interval value) {
    }

    /** A line. */
    record Series(String label, String color, String dash, List<Point> points) {
    }

    /**
     * Draws lines over categorical x positions on a log y axis, in a panel of the given size at
     * (x0, top); returns the y below the panel.
     */
    double lines(double x0, double top, double w, double h, String title, List<String> categories, String xLabel,
            String yLabel, List<Series> series) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Series s : series) {
            for (Point p : s.points()) {
                if (!p.value().isEmpty() && p.value().median() > 0) {
                    min = Math.min(min, Math.max(p.value().lo(), p.value().median() / 100));
                    max = Math.max(max, p.value().hi());
                }
            }
        }
        text(x0 + w / 2, top + 16, title, "middle", 14, true, "black");
        if (max == 0) {
            return top + h;
        }
        double left = x0 + 75;
        double right = x0 + w - 190;
        double plotTop = top + 30;
        double plotBottom = top + h - 45;
        LogAxis y = LogAxis.covering(min, max, plotBottom, plotTop);
        int n = categories.size();
        double step = n > 1 ? (right - left) / (n - 1) : 0;
        for (double t : y.ticks()) {
            double py = y.at(t);
            line(left, py, right, py, "#ddd", 1, null);
            text(left - 5, py + 4, tick(t), "end", 11, false, "#333");
        }
        for (int i = 0; i < n; i++) {
            double px = left + i * step;
            line(px, plotTop, px, plotBottom, "#eee", 1, null);
            text(px, plotBottom + 16, categories.get(i), "middle", 11, false, "#333");
        }
        line(left, plotBottom, right, plotBottom, "#333", 1, null);
        line(left, plotTop, left, plotBottom, "#333", 1, null);
        text((left + right) / 2, plotBottom + 34, xLabel, "middle", 12, false, "black");
        verticalText(x0 + 14, (plotTop + plotBottom) / 2, yLabel, 12);
        double legendY = plotTop + 4;
        for (Series s : series) {
            List<double[]> pts = new java.util.ArrayList<>();
            for (Point p : s.points()) {
                if (p.value().isEmpty() || !(p.value().median() > 0)) {
                    continue;
                }
                double px = left + p.category() * step;
                pts.add(new double[] {px, y.at(p.value().median())});
                line(px, y.at(p.value().lo()), px, y.at(p.value().hi()), s.color(), 1, null);
                circle(px, y.at(p.value().median()), 3, s.color());
            }
            if (pts.size() > 1) {
                polyline(pts, s.color(), s.dash());
            }
            line(right + 10, legendY, right + 30, legendY, s.color(), 2, s.dash());
            text(right + 34, legendY + 4, s.label(), "start", 11, false, "black");
            legendY += 16;
        }
        grow((int) (top + h));
        return top + h;
    }
}
