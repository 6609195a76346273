#pragma once
// Non-contrast chest CT: body wall, ribs, sternum, spine, lungs with vessels, trachea and
// bronchi, great vessels, heart with epicardial fat, and the liver dome in the lowest slices.
// Origin at the carina; the table lies behind the patient (positive y).
#include "CtPhantom.h"

namespace countyread::samples {

class ChestCtPhantom : public CtPhantom {
public:
    explicit ChestCtPhantom(unsigned seed);

    double hu(double x, double y, double z) const override;
    double noiseHu() const override { return 12.0; }

private:
    double bones(double x, double y, double z, double wall, double ux, double uy) const;
    double mediastinum(double x, double y, double z) const;
    double lung(double x, double y, double z) const;

    unsigned seed_;
};

}  // namespace countyread::samples
