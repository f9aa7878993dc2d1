package dev.channels.bench.report;

import dev.channels.bench.report.Stats.Interval;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's charts, drawn with JFreeChart into SVG with JFreeSVG: medians with their 95%
 * intervals on log axes, either one dot per contender (grouped, e.g. by thread kind) or lines
 * over categories (batch sizes, delays). What is drawn is the report's; how, the libraries'.
 */
final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int WIDTH = 1000;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    private Charts() {
    }

    /** One colour per contender, the same in every chart: reds for ours, others in cool colours, the floor grey. */
    static Color color(String impl) {
        return Color.decode(switch (impl) {
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
            // select: ours over 2 members with one active, and our references without a select (one
            // endpoint, or independent pairs) in lighter reds
            default -> impl.startsWith("channels") || impl.startsWith("oneActive-") ? "#d6604d"
                    : impl.startsWith("single-") || impl.startsWith("pairs-") ? "#fdae6b"
                    : impl.toLowerCase(Locale.ROOT).contains("floor")
                    ? "#525252" : "#35978f";
        });
    }

    /** Colours for series that are not contenders (wait strategies). */
    static final Color[] PALETTE = {Color.decode("#1f77b4"), Color.decode("#d62728"), Color.decode("#2ca02c"),
        Color.decode("#ff7f0e"), Color.decode("#9467bd"), Color.decode("#8c564b"), Color.decode("#e377c2"),
        Color.decode("#7f7f7f"), Color.decode("#bcbd22"), Color.decode("#17becf")};

    /** One dot: a median with its interval. */
    record Dot(String label, Interval value, Color color) {
    }

    /** A titled group of dots (one panel of the dot chart). */
    record Group(String title, List<Dot> dots) {
    }

    /** A reference line on the value axis. */
    record Reference(double value, String label) {
    }

    /** One point of a series: the index of its category and its value. */
    record Point(int category, Interval value) {
    }

    /** A line over categories. */
    record Series(String label, Color color, boolean dashed, List<Point> points) {
    }

    /** One panel of line charts: a title, the categories on the x axis and the series. */
    record Panel(String title, List<String> categories, String xLabel, String yLabel, List<Series> series) {
    }

    /**
     * A dot chart: one row per dot, the groups stacked, the value on a shared log axis; each dot
     * with its interval as a whisker, its median written beside it, and the reference lines.
     *
     * @return the SVG document
     */
    static String dots(String title, String axisLabel, List<Group> groups, List<Reference> refs) {
        LogarithmicAxis axis = logAxis(axisLabel);
        CombinedRangeXYPlot plot = new CombinedRangeXYPlot(axis);
        List<YIntervalSeriesCollection> all = new java.util.ArrayList<>();
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setGap(12);
        int rows = 0;
        for (Group g : groups) {
            YIntervalSeriesCollection data = new YIntervalSeriesCollection();
            XYErrorRenderer renderer = renderer();
            renderer.setDefaultLinesVisible(false);
            renderer.setDefaultItemLabelsVisible(true);
            renderer.setDefaultItemLabelGenerator((d, s, i) -> Report.num(d.getYValue(s, i)));
            renderer.setDefaultPositiveItemLabelPosition(
                    new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
            String[] labels = new String[g.dots().size()];
            for (int i = 0; i < labels.length; i++) {
                Dot d = g.dots().get(i);
                labels[i] = d.label();
                YIntervalSeries s = new YIntervalSeries(i + " " + d.label());
                if (plottable(d.value())) {
                    add(s, i, d.value());
                }
                data.addSeries(s);
                renderer.setSeriesPaint(i, d.color());
            }
            all.add(data);
            SymbolAxis rowsAxis = new SymbolAxis(g.title(), labels);
            rowsAxis.setInverted(true); // the first row on top
            rowsAxis.setGridBandsVisible(false);
            XYPlot sub = new XYPlot(data, rowsAxis, null, renderer);
            sub.setOrientation(PlotOrientation.HORIZONTAL);
            for (Reference r : refs) {
                sub.addRangeMarker(marker(r));
            }
            plot.add(sub, Math.max(1, labels.length));
            rows += Math.max(1, labels.length);
        }
        cover(axis, all, refs.stream().mapToDouble(Reference::value).toArray());
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 24)); // room for the last tick label
        int height = 110 + 24 * rows + 16 * groups.size();
        SVGGraphics2D g2 = svg(height);
        chart.draw(g2, new Rectangle2D.Double(0, 0, WIDTH, height));
        return document(g2);
    }

    /**
     * Line charts, one panel under the other: each series' medians joined over the categories,
     * with its intervals as whiskers, on a log axis; ours solid, others dashed.
     *
     * @return the SVG document
     */
    static String lines(List<Panel> panels) {
        final int panelHeight = 360;
        SVGGraphics2D g2 = svg(Math.max(1, panels.size()) * panelHeight);
        int top = 0;
        for (Panel p : panels) {
            YIntervalSeriesCollection data = new YIntervalSeriesCollection();
            XYErrorRenderer renderer = renderer();
            renderer.setDefaultLinesVisible(true);
            renderer.setDrawSeriesLineAsPath(true);
            for (int k = 0; k < p.series().size(); k++) {
                Series s = p.series().get(k);
                YIntervalSeries ys = new YIntervalSeries(s.label());
                for (Point pt : s.points()) {
                    if (plottable(pt.value())) {
                        add(ys, pt.category(), pt.value());
                    }
                }
                data.addSeries(ys);
                renderer.setSeriesPaint(k, s.color());
                renderer.setSeriesStroke(k, s.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                        10f, new float[] {6f, 3f}, 0f) : new BasicStroke(2f));
            }
            SymbolAxis x = new SymbolAxis(p.xLabel(), p.categories().toArray(String[]::new));
            x.setGridBandsVisible(false);
            LogarithmicAxis y = logAxis(p.yLabel());
            cover(y, List.of(data), new double[0]);
            XYPlot plot = new XYPlot(data, x, y, renderer);
            JFreeChart chart = new JFreeChart(p.title(), TITLE, plot, false);
            LegendTitle legend = new LegendTitle(plot);
            legend.setPosition(RectangleEdge.RIGHT);
            legend.setLegendItemGraphicAnchor(RectangleAnchor.LEFT);
            chart.addLegend(legend);
            chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 24)); // room for the last tick label
            chart.draw(g2, new Rectangle2D.Double(0, top, WIDTH, panelHeight));
            top += panelHeight;
        }
        return document(g2);
    }

    /** A log axis can show only positive values; an interval reaching zero or below is cut at 1/100 of the median. */
    private static boolean plottable(Interval v) {
        return !v.isEmpty() && v.median() > 0 && !Double.isInfinite(v.median());
    }

    private static void add(YIntervalSeries s, double x, Interval v) {
        double floor = v.median() / 100;
        double lo = Double.isNaN(v.lo()) ? v.median() : Math.max(v.lo(), floor);
        double hi = Double.isNaN(v.hi()) ? v.median() : Math.max(v.hi(), v.median());
        s.add(x, v.median(), Math.min(lo, v.median()), hi);
    }

    private static XYErrorRenderer renderer() {
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDrawYError(true);
        r.setErrorPaint(Color.BLACK);
        r.setErrorStroke(new BasicStroke(1.2f));
        r.setCapLength(8);
        r.setDefaultShapesVisible(true);
        r.setAutoPopulateSeriesShape(false);
        r.setDefaultShape(new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
        return r;
    }

    /**
     * Sets the axis to whole decades around the data and references, at least one, so that it
     * always has labelled ticks (JFreeChart's automatic range within one decade may have none).
     */
    private static void cover(LogarithmicAxis axis, List<YIntervalSeriesCollection> data, double[] refs) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (YIntervalSeriesCollection d : data) {
            for (int s = 0; s < d.getSeriesCount(); s++) {
                for (int i = 0; i < d.getItemCount(s); i++) {
                    min = Math.min(min, d.getStartYValue(s, i));
                    max = Math.max(max, d.getEndYValue(s, i));
                }
            }
        }
        for (double r : refs) {
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        if (max <= 0) {
            return; // nothing plotted
        }
        double lo = Math.pow(10, Math.floor(Math.log10(min)));
        double hi = Math.pow(10, Math.ceil(Math.log10(max)));
        axis.setRange(lo, Math.max(hi, lo * 10));
    }

    private static LogarithmicAxis logAxis(String label) {
        LogarithmicAxis axis = new LogarithmicAxis(label);
        axis.setStrictValuesFlag(false);
        axis.setAutoRangeNextLogFlag(false);
        axis.setNumberFormatOverride(new Figures());
        return axis;
    }

    /** Tick labels as the tables write figures ({@link Report#num}). */
    private static final class Figures extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
            return to.append(Report.num(v));
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
            return to.append(Report.num(v));
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException();
        }
    }

    private static ValueMarker marker(Reference r) {
        ValueMarker m = new ValueMarker(r.value(), Color.DARK_GRAY, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {5f, 3f}, 0f));
        m.setLabel(r.label());
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return m;
    }

    /** The SVG document without JFreeSVG's DOCTYPE, whose DTD address an XML reader would try to fetch. */
    private static String document(SVGGraphics2D g2) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g2.getSVGElement() + "\n";
    }

    private static SVGGraphics2D svg(int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, height);
        g2.setDefsKeyPrefix("chart"); // the same document for the same data (the default prefix is a time stamp)
        return g2;
    }
}
