"""Draws Benchmarks/results.svg from the comparison's measurements, with no plotting library.

Usage: chart.py MEASUREMENTS.tsv SCALING.tsv OUT.svg
MEASUREMENTS: method, MB/s per line. SCALING: corpus multiple, seconds, peak RSS in MB per line.
"""
import sys


def bars(rows, left, top, width, height):
    peak = max(value for _, value in rows) or 1
    band = height / len(rows)
    parts = [f'<text x="{left}" y="{top - 10}" font-size="14" font-weight="bold">Throughput, MB/s (whole process)</text>']
    for index, (name, value) in enumerate(rows):
        y = top + index * band
        length = (width - 160) * value / peak
        parts.append(f'<text x="{left}" y="{y + band * 0.6}" font-size="12">{name}</text>')
        parts.append(f'<rect x="{left + 110}" y="{y + band * 0.15}" width="{length:.1f}" height="{band * 0.6:.1f}" fill="#3b6ea8"/>')
        parts.append(f'<text x="{left + 115 + length:.1f}" y="{y + band * 0.6}" font-size="12">{value:.1f}</text>')
    return parts


def lines(points, column, label, unit, left, top, width, height):
    xs = [p[0] for p in points]
    ys = [p[column] for p in points]
    top_value = max(ys) * 1.15 or 1
    def at(x, y):
        return left + (x - min(xs)) / ((max(xs) - min(xs)) or 1) * width, top + height - y / top_value * height
    parts = [f'<text x="{left}" y="{top - 10}" font-size="14" font-weight="bold">Winnow {label.lower()} by corpus size</text>',
             f'<line x1="{left}" y1="{top + height}" x2="{left + width}" y2="{top + height}" stroke="#999"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + height}" stroke="#999"/>']
    path = " ".join(f"{'M' if i == 0 else 'L'}{at(x, y)[0]:.1f},{at(x, y)[1]:.1f}" for i, (x, y) in enumerate(zip(xs, ys)))
    parts.append(f'<path d="{path}" fill="none" stroke="#c0504d" stroke-width="2"/>')
    for x, y in zip(xs, ys):
        px, py = at(x, y)
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="#c0504d"/>')
        parts.append(f'<text x="{px + 5:.1f}" y="{py - 6:.1f}" font-size="11">{y:.1f} {unit}</text>')
        parts.append(f'<text x="{px - 6:.1f}" y="{top + height + 16}" font-size="11">{x:g}×</text>')
    return parts


def main():
    measurements, scaling, out = sys.argv[1:4]
    rows = [(line.split("\t")[0], float(line.split("\t")[1])) for line in open(measurements) if line.strip()]
    points = [tuple(float(v) for v in line.split("\t")) for line in open(scaling) if line.strip()]
    parts = bars(rows, 20, 40, 560, 30 * len(rows))
    top = 80 + 30 * len(rows)
    parts += lines(points, 1, "Time", "s", 60, top, 220, 160)
    parts += lines(points, 2, "Peak memory", "MB", 380, top, 220, 160)
    height = top + 200
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="700" height="{height}" font-family="sans-serif">',
           f'<rect width="700" height="{height}" fill="white"/>'] + parts + ["</svg>"]
    open(out, "w").write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
