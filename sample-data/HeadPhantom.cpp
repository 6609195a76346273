#include "HeadPhantom.h"

#include <algorithm>
#include <cmath>

namespace countyread::samples {

namespace {
// Hounsfield values of the tissues.
constexpr double kAir = -1000, kFat = -85, kSkin = 45, kCsf = 7, kGray = 40, kWhite = 27;
constexpr double kOuterTable = 1750, kInnerTable = 1650, kDiploe = 850;

// Squared normalised radius of a point in an axis-aligned ellipsoid (< 1 inside).
double ellipsoid(double x, double y, double z, double cx, double cy, double cz, double rx,
                 double ry, double rz) {
    double u = (x - cx) / rx, v = (y - cy) / ry, w = (z - cz) / rz;
    return u * u + v * v + w * w;
}
double smoothstep(double e0, double e1, double v) {
    double t = std::clamp((v - e0) / (e1 - e0), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}
}  // namespace

HeadPhantom::HeadPhantom(double size_scale) : scale_(size_scale) {}

double HeadPhantom::hu(double x, double y, double z) const {
    x /= scale_;
    y /= scale_;
    z /= scale_;
    // Outer surface: an egg-shaped ellipsoid, a little wider at the back.
    const double cy = 2, cz = 10, c = 92;
    const double px = x, py = y - cy, pz = z - cz;
    const double r = std::sqrt(px * px + py * py + pz * pz);
    if (r < 1e-6) return kWhite;
    const double ux = px / r, uy = py / r, uz = pz / r;
    const double a = 74 * (1 + 0.05 * uy);
    const double b = 93 + 10 * std::max(0.0, -uy) * smoothstep(-5, -30, z);  // face
    const double radius = 1 / std::sqrt(ux * ux / (a * a) + uy * uy / (b * b) + uz * uz / (c * c));
    const double d = radius - r;  // depth below the skin along the ray from the centre

    if (d < 0) {
        // Carbon head holder behind the head; everything else is air.
        double holder = std::hypot(x, y + 10);
        return (y > 30 && std::abs(x) < 85 && holder > 112 && holder < 116) ? 250 : kAir;
    }
    if (z < -14 && y < -48) return d < 1.5 ? kSkin : face(x, y, z);
    if (z < -14 && y < -45) return 900;  // floor of the anterior cranial fossa

    // Scalp: skin, subcutaneous fat, galea; the temporalis muscle thickens it at the sides.
    const double temporal = 4.0 * ux * ux * smoothstep(60, 30, z) * smoothstep(-25, -5, z);
    const double scalp = 5.0 + temporal;
    if (d < 1.5) return kSkin;
    if (d < 3.5) return kFat;
    if (d < scalp) return kSkin;

    // Skull: outer table, diploe, inner table; thicker occiput and frontal bone.
    const double frontal = std::pow(std::max(0.0, -uy), 4);
    double thickness = 6.5 + 2.5 * std::pow(std::max(0.0, uy), 2) + 2.0 * frontal +
                       7.0 * frontal * std::exp(-std::pow(x / 18, 2) - std::pow((z - 6) / 14, 2));
    const double inBone = d - scalp;
    if (inBone < thickness) {
        // Frontal sinuses hollow out the thickened frontal bone.
        if (inBone > 2 && thickness - inBone > 2 &&
            std::min(ellipsoid(x, y, z, 9, -82, 6, 10, 7, 12),
                     ellipsoid(x, y, z, -9, -82, 6, 10, 7, 12)) < 1) {
            return kAir;
        }
        if (inBone < 1.8) return kOuterTable;
        if (thickness - inBone < 1.5) return kInnerTable;
        return kDiploe + 150 * std::sin(x * 0.7) * std::sin(y * 0.9) * std::sin(z * 0.8);
    }
    double inner = inBone - thickness;
    return skullBase(x, y, z, brain(x, y, z, inner, ux, uy, uz));
}

double HeadPhantom::brain(double x, double y, double z, double inner, double ux, double uy,
                          double uz) const {
    if (inner < 1.3) return kCsf;  // subarachnoid space
    // Interhemispheric fissure and falx, frontal and occipital, and above the corpus callosum.
    if (std::abs(x) < 2.0 && z > -5 && (z > 42 || y < -38 || y > 40)) {
        return std::abs(x) < 0.7 ? 60 : kCsf;
    }
    // Posterior fossa, behind the petrous ridges and under the tentorium: cerebellum with
    // folia, fourth ventricle, pons and its cistern.
    if (y > -2 + 0.55 * std::abs(x) && z < -4 + 0.12 * (y - 5) - 0.004 * x * x) {
        if (ellipsoid(x, y, z, 0, 33, -18, 5, 4, 6) < 1) return kCsf;
        double pons = ellipsoid(x, y, z, 0, 14, -14, 13, 11, 16);
        if (pons < 1) return 32;
        if (pons < 1.45) return kCsf;
        return std::sin(0.9 * std::hypot(x, y - 20) + 0.3 * z) > 0.8 ? 36 : 44;
    }
    if (inner > 6) {
        // Lateral ventricles (frontal horns, bodies, atria, temporal horns); septum in between.
        if (std::abs(x) > 1.2) {
            double s = x < 0 ? -1 : 1;
            double v = std::min({ellipsoid(x, y, z, s * 8, -18, 24, 4.5, 14, 9),
                                 ellipsoid(x, y, z, s * 10, 5, 32, 4.5, 20, 7),
                                 ellipsoid(x, y, z, s * 17, 28, 22, 6, 11, 8),
                                 ellipsoid(x, y, z, s * 28, 5, 0, 3, 12, 4)});
            if (ellipsoid(x, y, z, s * 17, 27, 21, 2.5, 2.5, 2.5) < 1) return 110;  // choroid calc.
            if (v < 1) return kCsf;
        }
        if (std::abs(x) < 1.8 && y > -8 && y < 14 && z > 2 && z < 19)
            return kCsf;                                             // third ventricle
        if (ellipsoid(x, y, z, 0, 22, 14, 2, 2, 2) < 1) return 140;  // calcified pineal gland
        double s = x < 0 ? -1 : 1;
        if (ellipsoid(x, y, z, s * 13, -13, 22, 5, 7, 8) < 1) return 37;     // caudate head
        if (ellipsoid(x, y, z, s * 9, 8, 12, 8, 12, 8) < 1) return 36;       // thalamus
        if (ellipsoid(x, y, z, s * 22, -3, 12, 6, 13, 8) < 1) return 38;     // lentiform nucleus
        if (ellipsoid(x, y, z, s * 40, -2, 8, 2.2, 15, 7) < 1) return kCsf;  // sylvian fissure
    }
    // Cortex folded into gyri: sulci are thin CSF clefts in a band of gray matter.
    double azimuth = std::atan2(uy, ux), elevation = std::asin(std::clamp(uz, -1.0, 1.0));
    double fold = std::sin(11 * azimuth + 3 * std::sin(5 * elevation)) *
                  std::sin(9 * elevation + 2 * std::sin(7 * azimuth));
    if (inner < 12 && std::abs(fold) < 0.08) return kCsf + 3;
    if (inner < 4 || (inner < 11 && std::abs(fold) < 0.35)) return kGray;
    return kWhite;
}

double HeadPhantom::skullBase(double x, double y, double z, double fallback) const {
    if (z > -8) return fallback;
    double s = x < 0 ? -1 : 1;
    // Petrous ridges run forwards and inwards at about 45 degrees.
    double u = ((x - s * 30) * 0.71 * s + (y - 14) * 0.71),
           v = (-(x - s * 30) * 0.71 * s + (y - 14) * 0.71);
    double petrous = (u / 20) * (u / 20) + (v / 5) * (v / 5) + std::pow((z + 26) / 6, 2);
    if (petrous < 1) return 1500;
    if (ellipsoid(x, y, z, s * 48, 24, -28, 7, 7, 7) < 1) return -600;  // mastoid air cells
    double sphenoid = ellipsoid(x, y, z, 0, -26, -26, 12, 10, 9);
    if (sphenoid < 1) return kAir;
    if (sphenoid < 1.4) return 900;
    if (ellipsoid(x, y, z, 0, 2, -28, 6, 12, 8) < 1) return 900;  // clivus
    return fallback;
}

double HeadPhantom::face(double x, double y, double z) const {
    double s = x < 0 ? -1 : 1;
    if (ellipsoid(x, y, z, s * 29, -68, -32, 4, 2, 4) < 1) return 90;  // lens
    double orbit = std::sqrt(ellipsoid(x, y, z, s * 29, -57, -32, 1, 1, 1));
    if (orbit < 11.5) return 12;  // globe
    if (orbit < 16) return kFat;
    if (orbit < 18.5 && y > -68) return 900;  // orbital walls
    if (std::abs(x) < 12) {
        // Nasal septum and the honeycomb of ethmoid air cells.
        if (std::abs(x) < 1.2) return 400;
        return std::sin(x * 1.3) * std::sin(y * 1.1) > 0.75 ? 700 : kAir;
    }
    return std::abs(x) > 44 ? kSkin : kFat;
}

}  // namespace countyread::samples
