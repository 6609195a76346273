#include "ChestPhantom.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

namespace countyread::samples {

namespace {
constexpr double kPi = std::numbers::pi;

double clamp01(double v) { return std::clamp(v, 0.0, 1.0); }
double smoothstep(double e0, double e1, double v) {
    double t = clamp01((v - e0) / (e1 - e0));
    return t * t * (3 - 2 * t);
}
double mix(double a, double b, double t) { return a + (b - a) * t; }

// Half width of the thorax (cm); the shoulders widen the top of the image.
double chestHalfWidth(double y) {
    return 14.2 + 2.6 * smoothstep(6, 30, y) - 1.0 * smoothstep(32, 43, y);
}
double bodyHalfWidth(double y) {
    double shoulders = 6.0 + 13.0 * smoothstep(0.0, 9.0, y);
    return mix(shoulders, chestHalfWidth(y), smoothstep(8, 15, y));
}
double bodyDepth(double y) { return 11 + 9 * smoothstep(1, 9, y) + 2 * smoothstep(30, 43, y); }
double spineHalfWidth(double y) {
    return 1.2 + 0.5 * smoothstep(3, 10, y) + 0.7 * smoothstep(10, 43, y);
}

// Normalised radius of a point in a rotated ellipse.
double ellipseRadius(double x, double y, double cx, double cy, double a, double b, double angle) {
    double c = std::cos(angle), s = std::sin(angle);
    double u = (x - cx) * c + (y - cy) * s;
    double v = -(x - cx) * s + (y - cy) * c;
    return std::sqrt((u / a) * (u / a) + (v / b) * (v / b));
}
// Path length through a sphere/cylinder of normalised radius rho (1 at the centre).
double chord(double rho) { return rho < 1 ? std::sqrt(1 - rho * rho) : 0.0; }
// Cross-section of a cortical bone: brighter rim, softer marrow.
double boneProfile(double t) { return chord(std::abs(t)) * (0.55 + 0.6 * t * t); }
}  // namespace

ChestPhantom::ChestPhantom(ChestPhantomParams params, unsigned seed)
    : params_(params), seed_(seed) {}

double ChestPhantom::lungDepth(double x, double y) const {
    const bool right = x < 0;  // patient's right lung is on the image left
    const double s = std::abs(x);
    const double apex = right ? 5.8 : 6.1;
    const double domeY = (right ? 28.6 : 29.8) + params_.diaphragm_shift_cm;
    const double domeS = right ? 7.5 : 8.0;
    const double dome = domeY + 3.4 * std::pow((s - domeS) / 8.0, 2);
    // Mediastinal border: superior vena cava on the right, aorta and pulmonary trunk on the left.
    double med = right ? 2.9 + 0.6 * std::exp(-std::pow((y - 12) / 4, 2))
                       : 3.2 + 1.3 * std::exp(-std::pow((y - 16) / 2.5, 2));
    double lateral = 5.0 + (chestHalfWidth(y) - 1.5 - 5.0) * std::sqrt(clamp01((y - apex) / 10));
    double medial = 5.0 - (5.0 - med) * std::sqrt(clamp01((y - apex) / 5));
    double margin = std::min({s - medial, lateral - s, dome - y});
    if (margin <= 0) return 0.0;
    double depth = (7 + 11 * smoothstep(apex, 26, y)) * std::sqrt(clamp01(margin / 3.0));

    // The heart and aortic knob displace most of the lung in front of and behind them.
    double h = params_.heart_scale;
    double heart = ellipseRadius(x, y, 1.8 * h, 24.4, 7.0 * h, 6.6 * h, 0.5);
    double knob = std::hypot(x - 3.3, y - 12.8) / 2.1;
    depth *= 1 - 0.8 * (1 - smoothstep(0.92, 1.04, heart));
    depth *= smoothstep(0.9, 1.05, knob);
    return depth;
}

double ChestPhantom::tissue(double x, double y) const {
    double w = bodyHalfWidth(y);
    double mu = 0.2 * bodyDepth(y) * chord(std::abs(x) / w);
    // Trachea and main bronchi (air columns).
    mu -= 0.3 * chord(std::abs(x + 0.2) / 0.85) * smoothstep(15.0, 14.0, y);
    for (double side : {-1.0, 1.0}) {
        double bx = side * 3.7, by = side < 0 ? 17.0 : 16.6;
        double dx = bx + 0.2, dy = by - 14.5;
        double t = clamp01(((x + 0.2) * dx + (y - 14.5) * dy) / (dx * dx + dy * dy));
        double d = std::hypot(x + 0.2 - t * dx, y - 14.5 - t * dy);
        mu -= 0.2 * chord(d / 0.6);
    }
    // Female breast shadows over the lower zones.
    if (params_.female) {
        for (double side : {-1.0, 1.0})
            mu += 0.45 * chord(ellipseRadius(x, y, side * 10, 28, 7.5, 6, 0));
    }
    // Gastric bubble under the left dome, flat air-fluid level.
    if (y < 33.6 + params_.diaphragm_shift_cm) {
        mu -= 0.7 * chord(ellipseRadius(x, y, 6.8, 33.3 + params_.diaphragm_shift_cm, 3.0, 1.5, 0));
    }
    return mu;
}

double ChestPhantom::ribs(double s, double y, double side) const {
    double mu = 0;
    const double cage = chestHalfWidth(y) - 0.6;
    if (s > cage || s < spineHalfWidth(y) + 0.2) return 0;
    for (int k = 0; k < 10; ++k) {
        double y0 = 6.0 + 2.1 * k + 0.03 * k * k + (side > 0 ? 0.3 : 0.0);
        double lat = std::min(chestHalfWidth(y0 + 2) - 1.2, 8.5 + 2.6 * k);
        if (y < y0 - 2 || y > y0 + 12) continue;
        // Posterior rib: from the spine outwards, slightly up, then curving down laterally.
        auto droop = [&](double v) { return 1.2 * std::pow(clamp01((v - (lat - 4)) / 4), 2); };
        auto post = [&](double v) { return y0 - 0.22 * v + 0.018 * v * v + droop(v); };
        if (s <= lat) {
            double slope = (post(s + 0.01) - post(s - 0.01)) / 0.02;
            double half = 0.55 + 0.12 * (1 - s / lat);
            double t = (y - post(s)) / std::sqrt(1 + slope * slope) / half;
            if (std::abs(t) < 1) mu += 0.38 * boneProfile(t);
        }
        // Anterior rib: from the lateral wall medially and downwards, fading into cartilage.
        double end = 2.8 + 0.35 * k;
        if (s >= end && s <= lat) {
            double u = lat - s;
            double ant = post(lat) + 0.38 * u + 0.01 * u * u;
            double slope = 0.38 + 0.02 * u;
            double t = (y - ant) / std::sqrt(1 + slope * slope) / 0.45;
            if (std::abs(t) < 1) mu += 0.22 * boneProfile(t) * smoothstep(end, end + 2, s);
        }
    }
    return mu;
}

double ChestPhantom::bones(double x, double y) const {
    const double s = std::abs(x);
    const double side = x < 0 ? -1 : 1;
    double mu = ribs(s, y, side);

    // Thoracic spine: vertebral bodies, discs, end plates, pedicles, spinous processes.
    double hw = spineHalfWidth(y);
    double period = 2.5, phase = std::fmod(y + 10 - 0.6, period) / period;
    if (s < hw) {
        double disc = 1 - 0.4 * (1 - smoothstep(0.12, 0.18, phase)) * smoothstep(0.0, 0.04, phase);
        double endplate = 0.08 * (std::exp(-std::pow((phase - 0.19) / 0.025, 2)) +
                                  std::exp(-std::pow((phase - 0.98) / 0.025, 2)));
        mu += (0.3 * disc + endplate) * chord(s / hw);
    }
    double vy = y - (phase * period);  // top of this vertebra
    double ped = ellipseRadius(s, y, hw - 0.55, vy + 0.9, 0.45, 0.6, 0);
    if (ped < 1 && ped > 0.55) mu += 0.07;
    mu += 0.08 * chord(ellipseRadius(x, y, 0, vy + 1.9, 0.35, 0.5, 0));

    // Clavicles: S-shaped, from the sternal end up and out to the acromion.
    if (s > 1.2 && s < 15.5) {
        double u = (s - 1.2) / 14.3;
        double f = 8.7 - 2.4 * u + 0.45 * std::sin(2 * kPi * u);
        double t = (y - f) / (0.75 - 0.2 * u);
        if (std::abs(t) < 1) mu += 0.55 * boneProfile(t) * smoothstep(1.2, 2.0, s);
    }
    // Scapulae overlapping the upper outer zones, humeral heads in the corners.
    mu += 0.28 * (1 - smoothstep(0.85, 1.0, ellipseRadius(s, y, 14.0, 13.0, 2.8, 7.0, -0.26)));
    double head = std::hypot(s - 17.0, y - 8.0) / 2.6;
    mu += 0.9 * boneProfile(head) * (s < bodyHalfWidth(y) + 1.5 ? 1 : 0);
    return mu;
}

std::vector<ChestPhantom::Segment> ChestPhantom::vesselTree() const {
    std::mt19937 rng(seed_ * 7919u + 17u);
    std::uniform_real_distribution<double> jitter(-1, 1);
    std::vector<Segment> segments;
    // Each branch is drawn as a few slightly bending pieces, then forks unevenly.
    auto branch = [&](auto&& self, double x, double y, double angle, double len, double r,
                      int depth) -> void {
        const int pieces = 3;
        for (int i = 0; i < pieces; ++i) {
            angle += 0.12 * jitter(rng);
            double x1 = x + len / pieces * std::cos(angle), y1 = y + len / pieces * std::sin(angle);
            double r1 = r * (1 - 0.08 * (i + 1) / pieces);
            segments.push_back({x, y, x1, y1, r * (1 - 0.08 * i / pieces), r1});
            x = x1;
            y = y1;
        }
        if (depth == 0) return;
        double major = 0.55 + 0.15 * jitter(rng);  // share of the flow kept by the main branch
        for (double turn : {-1.0, 1.0}) {
            double share = turn < 0 ? major : 1 - major;
            double a = angle + turn * (0.25 + 0.5 * (1 - share) + 0.1 * jitter(rng));
            self(self, x, y, a, len * (0.7 + 0.1 * jitter(rng)), r * std::sqrt(share) * 0.95,
                 depth - 1);
        }
    };
    // Roots leave each hilum towards the upper, middle and lower zones (degrees, y down).
    const double roots[] = {255, 222, 190, 160, 132, 108, 92};
    for (double side : {-1.0, 1.0}) {
        double hx = side * (side < 0 ? 4.6 : 4.4), hy = side < 0 ? 17.6 : 16.9;
        for (double deg : roots) {
            double a = deg * kPi / 180;
            if (side > 0) a = kPi - a;
            branch(branch, hx, hy, a + 0.1 * jitter(rng), 2.6 + 0.5 * jitter(rng), 0.55, 6);
        }
    }
    return segments;
}

void ChestPhantom::drawVessels(FloatImage& mu, const FloatImage& lung, double cm) const {
    FloatImage vessels(mu.width(), mu.height());
    const int n = mu.width();
    for (const auto& seg : vesselTree()) {
        double rmax = std::max(seg.r0, seg.r1);
        auto toPx = [&](double v, double offset) { return (v + offset) / cm; };
        int x0 = std::max(0, static_cast<int>(toPx(std::min(seg.x0, seg.x1) - rmax, 21.5)));
        int x1 = std::min(n - 1, static_cast<int>(toPx(std::max(seg.x0, seg.x1) + rmax, 21.5)) + 1);
        int y0 = std::max(0, static_cast<int>(toPx(std::min(seg.y0, seg.y1) - rmax, 0)));
        int y1 = std::min(n - 1, static_cast<int>(toPx(std::max(seg.y0, seg.y1) + rmax, 0)) + 1);
        double dx = seg.x1 - seg.x0, dy = seg.y1 - seg.y0, len2 = dx * dx + dy * dy;
        for (int py = y0; py <= y1; ++py) {
            for (int px = x0; px <= x1; ++px) {
                double x = (px + 0.5) * cm - 21.5, y = (py + 0.5) * cm;
                double t = clamp01(((x - seg.x0) * dx + (y - seg.y0) * dy) / len2);
                double d = std::hypot(x - seg.x0 - t * dx, y - seg.y0 - t * dy);
                double r = mix(seg.r0, seg.r1, t);
                if (d < r) {
                    float v = static_cast<float>(1.0 * std::sqrt(r * r - d * d));
                    vessels.at(px, py) = std::max(vessels.at(px, py), v);
                }
            }
        }
    }
    // Vessels are only visible against aerated lung.
    for (size_t i = 0; i < mu.data().size(); ++i) {
        mu.data()[i] +=
            vessels.data()[i] * static_cast<float>(smoothstep(0.5, 3.0, lung.data()[i]));
    }
}

Radiograph ChestPhantom::render(int size) const {
    const double cm = kFieldCm / size;
    FloatImage mu(size, size), lung(size, size);
    for (int py = 0; py < size; ++py) {
        double y = (py + 0.5) * cm;
        for (int px = 0; px < size; ++px) {
            double x = (px + 0.5) * cm - kFieldCm / 2;
            double depth = lungDepth(x, y);
            lung.at(px, py) = static_cast<float>(depth);
            double inside = std::abs(x) < bodyHalfWidth(y) ? 1.0 : 0.0;
            mu.at(px, py) = static_cast<float>(tissue(x, y) - 0.14 * depth + inside * bones(x, y));
        }
    }
    drawVessels(mu, lung, cm);
    mu.gaussianBlur(0.08 / cm);

    // Log-domain detector signal to display values, then the unsharp masking every DR applies.
    FloatImage image(size, size);
    for (size_t i = 0; i < image.data().size(); ++i) {
        double m = std::max(0.0f, mu.data()[i]);
        image.data()[i] = static_cast<float>(60 + 3950 * std::pow(m / 6.6, 0.9));
    }
    FloatImage background = image;
    background.gaussianBlur(2.5 / cm);
    for (size_t i = 0; i < image.data().size(); ++i) {
        image.data()[i] += 0.35f * (image.data()[i] - background.data()[i]);
    }
    std::mt19937 rng(seed_);
    image.addGaussianNoise(12.0, rng);

    Radiograph out;
    out.rows = out.columns = size;
    out.imager_pixel_spacing_mm = kFieldCm * 10 / size;
    out.pixels.resize(image.data().size());
    for (size_t i = 0; i < out.pixels.size(); ++i) {
        out.pixels[i] = static_cast<uint16_t>(std::clamp(std::lround(image.data()[i]), 0L, 4095L));
    }
    double lo = std::clamp(image.percentile(0.01), 0.0f, 4095.0f);
    double hi = std::clamp(image.percentile(0.995), 0.0f, 4095.0f);
    out.window_center = static_cast<int>(std::lround((lo + hi) / 2));
    out.window_width = std::max(100, static_cast<int>(std::lround((hi - lo) * 1.05)));
    return out;
}

}  // namespace countyread::samples
