#pragma once
// Samples a CtPhantom on an axial grid centred on the z axis and returns stored values
// (HU + 1024, 12 bits) with reconstruction blur and noise.
#include <cstdint>
#include <random>
#include <vector>

#include "CtPhantom.h"
#include "StudySpec.h"

namespace countyread::samples {

class CtSliceRenderer {
public:
    CtSliceRenderer(const CtPhantom& phantom, const CtGeometry& geometry, unsigned seed);

    // Patient x (and y) of the centre of the first column (row).
    double firstPixelOffsetMm() const;
    std::vector<uint16_t> render(double z_mm);

private:
    const CtPhantom& phantom_;
    CtGeometry geometry_;
    std::mt19937 rng_;
};

}  // namespace countyread::samples
