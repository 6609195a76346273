#pragma once
// A CT phantom is a Hounsfield field over patient coordinates (mm, DICOM LPS: x towards the
// patient's left, y posterior, z towards the head).

namespace countyread::samples {

class CtPhantom {
public:
    virtual ~CtPhantom() = default;
    virtual double hu(double x, double y, double z) const = 0;
    // Reconstruction noise (HU, one standard deviation) of the scanner protocol.
    virtual double noiseHu() const = 0;
};

}  // namespace countyread::samples
