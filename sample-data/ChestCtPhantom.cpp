#include "ChestCtPhantom.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace countyread::samples {

namespace {
constexpr double kAir = -1000, kFat = -95, kMuscle = 50, kBlood = 42;

double ellipse(double x, double y, double cx, double cy, double rx, double ry) {
    double u = (x - cx) / rx, v = (y - cy) / ry;
    return std::sqrt(u * u + v * v);
}
double smoothstep(double e0, double e1, double v) {
    double t = std::clamp((v - e0) / (e1 - e0), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}
// Deterministic value in [0, 1) for an integer cell.
double hash01(int a, int b, int c, unsigned seed) {
    uint32_t h = seed * 0x9E3779B9u;
    for (int v : {a, b, c}) {
        h ^= static_cast<uint32_t>(v) + 0x7F4A7C15u + (h << 6) + (h >> 2);
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
    }
    return (h & 0xFFFFFF) / double(0x1000000);
}
}  // namespace

ChestCtPhantom::ChestCtPhantom(unsigned seed) : seed_(seed) {}

double ChestCtPhantom::hu(double x, double y, double z) const {
    // Table under the patient: two carbon skins around a foam core.
    double table = y - (128 + x * x / 6000);
    if (table >= 0 && table < 16 && std::abs(x) < 220) {
        return (table < 3 || table > 13) ? 120 : -900;
    }
    const double a = 165, b = 112;
    const double rho = ellipse(x, y, 0, 0, a, b);
    if (rho >= 1) return kAir;
    const double r = std::hypot(x, y);
    const double ux = r > 0 ? x / r : 1, uy = r > 0 ? y / r : 0;
    const double depth = (1 - rho) * r / std::max(rho, 1e-6);  // mm below the skin, radially

    // Body wall: skin, subcutaneous fat, muscle (pectorals in front, paraspinals behind).
    const double fat = 12 + 6 * std::max(0.0, -uy);
    const double muscle = 10 + 14 * std::pow(std::max(0.0, -uy), 2);
    if (depth < 2) return 40;
    if (depth < 2 + fat) return kFat;
    const double wall = depth - 2 - fat - muscle;  // < 0 in the muscle, 0..10 in the rib layer
    double bone = bones(x, y, z, wall, ux, uy);
    if (bone > -999) return bone;
    if (wall < 0) return kMuscle;
    if (wall < 10) return 40;  // intercostal muscle between ribs
    if (ellipse(x, y, 40 * (x < 0 ? -1 : 1), 92, 26, 20) < 1) return kMuscle;  // paraspinals

    double m = mediastinum(x, y, z);
    if (m > -999) return m;
    return lung(x, y, z);
}

double ChestCtPhantom::bones(double x, double y, double z, double wall, double ux,
                             double uy) const {
    // Vertebra: body with cortex, canal, transverse and spinous processes.
    double body = ellipse(x, y, 0, 62, 20, 18);
    if (body < 1) return body > 0.85 ? 800 : 240;
    if (ellipse(x, y, 0, 88, 9, 9) < 1) return 20;
    if (ellipse(x, y, 0, 104, 6, 14) < 1 || ellipse(x, y, 0, 86, 15, 12) < 1.15) return 650;
    if (ellipse(x, y, 27 * (x < 0 ? -1 : 1), 80, 15, 6) < 1) return 600;
    // Sternum in front.
    double sternum = ellipse(x, y, 0, -92, 16, 7);
    if (sternum < 1) return sternum > 0.75 ? 700 : 300;
    // Ribs: oval cross-sections around the cage, drifting with z because ribs run obliquely.
    if (wall >= 0 && wall < 10) {
        double theta = std::atan2(uy, ux);
        for (int k = 0; k < 16; ++k) {
            double center = 2 * std::numbers::pi * (k + 0.5) / 16 + 0.3 * std::sin(z / 25 + k);
            double delta = std::remainder(theta - center, 2 * std::numbers::pi);
            double posterior =
                std::abs(std::remainder(center - std::numbers::pi / 2, 2 * std::numbers::pi));
            if (posterior < 0.35 || std::abs(std::numbers::pi - posterior) < 0.35) continue;
            double along = delta * std::hypot(x, y) / 9, across = (wall - 5) / 5;
            double q = along * along + across * across;
            if (q < 1) return q > 0.55 ? 950 : 260;
        }
    }
    return -1000;  // "no bone here"
}

double ChestCtPhantom::mediastinum(double x, double y, double z) const {
    if (ellipse(x, y, 22, 45, 13, 13) < 1) return kBlood;  // descending aorta
    double oesophagus = ellipse(x, y, 6, 36, 8, 7);
    if (oesophagus < 1) return oesophagus < 0.3 ? kAir : 40;
    if (z > 5) {  // trachea above the carina
        double t = ellipse(x, y, 0, 0, 10, 9);
        if (t < 1) return t < 0.82 ? kAir : 50;
    } else if (z > -15) {  // main bronchi
        for (double s : {-1.0, 1.0}) {
            double t = ellipse(x, y, s * (12 + (5 - z)), 4, 7, 6.5);
            if (t < 1) return t < 0.75 ? kAir : 50;
        }
    }
    if (z > 18) {  // aortic arch and superior vena cava
        if (ellipse(x, y, 6, 12, 34, 13) < 1 && std::abs(y - 12 - 0.45 * (x - 6)) < 12)
            return kBlood;
        if (ellipse(x, y, -22, -18, 10, 10) < 1) return kBlood;
    } else if (z > -8) {  // ascending aorta, pulmonary trunk and arteries, SVC
        if (ellipse(x, y, 8, -26, 16, 16) < 1) return kBlood;
        if (ellipse(x, y, 28, -18, 14, 14) < 1) return kBlood;
        if (ellipse(x, y, -25, -16, 10, 10) < 1) return kBlood;
        if (std::abs(y + 2 + 0.1 * x) < 9 && std::abs(x) < 48) return kBlood;  // pulmonary arteries
    } else {  // heart with epicardial fat, lying on the diaphragm
        double c = std::cos(0.5), s = std::sin(0.5);
        double u = (x - 18) * c + (y + 30) * s, v = -(x - 18) * s + (y + 30) * c;
        double heart = std::hypot(u / 68, v / 52) * (1 + 0.15 * smoothstep(-30, -8, z));
        if (heart < 0.93) return kBlood;
        if (heart < 1.05) return kFat;
    }
    if (std::abs(x - 4) < 30 - 0.1 * y && y > -85 && y < 50) return kFat;  // mediastinal fat
    return -1000;                                                          // not mediastinum
}

double ChestCtPhantom::lung(double x, double y, double z) const {
    // Liver dome under the right hemidiaphragm in the lowest slices, spleen/stomach on the left.
    double dome = x < 0 ? -26 - 0.0025 * (std::pow(x + 60, 2) + y * y)
                        : -34 - 0.0025 * (std::pow(x - 60, 2) + y * y);
    if (z < dome) return x < 0 ? 58 : (y < -20 && z < dome - 6 ? kAir : 45);

    // Lungs: denser towards the back (dependent), vessels as round dots thicker near the hila.
    double hu = -870 + 60 * smoothstep(0, 100, y);
    const double cell = 9;
    int cx = static_cast<int>(std::floor(x / cell)), cy = static_cast<int>(std::floor(y / cell));
    int cz = static_cast<int>(std::lround(z / 3));
    for (int dx = -1; dx <= 1; ++dx) {
        for (int dy = -1; dy <= 1; ++dy) {
            double h1 = hash01(cx + dx, cy + dy, cz, seed_),
                   h2 = hash01(cx + dx, cy + dy, cz + 977, seed_);
            double px = (cx + dx + h1) * cell, py = (cy + dy + h2) * cell;
            double hilum = std::hypot(std::abs(px) - 45, py - 5);
            double radius =
                0.7 + 3.0 * std::exp(-hilum / 35) * hash01(cx + dx, cy + dy, cz + 31, seed_);
            if (std::hypot(x - px, y - py) < radius) return 40;
        }
    }
    return hu;
}

}  // namespace countyread::samples
