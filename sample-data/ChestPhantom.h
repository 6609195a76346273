#pragma once
// Analytic PA chest radiograph: body outline, lungs with vessel trees, mediastinum and heart,
// spine, ribs, clavicles, scapulae, humeral heads, diaphragm domes and a gastric bubble.
// Geometry is in centimetres on a 43 x 43 cm detector (x: image left = patient right).
#include <vector>

#include "FloatImage.h"
#include "StudySpec.h"

namespace countyread::samples {

struct ChestPhantomParams {
    bool female = false;       // adds breast shadows over the lower zones
    double heart_scale = 1.0;  // about 0.9..1.15: cardiothoracic ratio varies between patients
    double diaphragm_shift_cm = 0.0;  // positive: deeper inspiration (domes lower)
};

class ChestPhantom {
public:
    ChestPhantom(ChestPhantomParams params, unsigned seed);

    // A processed, for-presentation image of size x size pixels (12 bits, MONOCHROME2).
    Radiograph render(int size) const;

    static constexpr double kFieldCm = 43.0;  // detector edge length

private:
    struct Segment {
        double x0, y0, x1, y1, r0, r1;
    };
    double lungDepth(double x, double y) const;  // cm of aerated lung along the beam
    double tissue(double x, double y) const;     // attenuation without lungs and vessels
    double bones(double x, double y) const;
    double ribs(double s, double y, double side) const;
    std::vector<Segment> vesselTree() const;
    void drawVessels(FloatImage& mu, const FloatImage& lung, double cmPerPixel) const;

    ChestPhantomParams params_;
    unsigned seed_;
};

}  // namespace countyread::samples
