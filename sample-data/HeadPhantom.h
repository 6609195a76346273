#pragma once
// Adult head for a non-contrast CT: scalp, a skull whose outline and thickness change with z,
// gray/white matter with sulci, ventricles, basal ganglia, posterior fossa, skull base, sinuses,
// orbits and the head holder. Origin near the centre of the brain; vertex at about z = +100 mm.
#include "CtPhantom.h"

namespace countyread::samples {

class HeadPhantom : public CtPhantom {
public:
    explicit HeadPhantom(double size_scale = 1.0);

    double hu(double x, double y, double z) const override;
    double noiseHu() const override { return 3.5; }

private:
    double brain(double x, double y, double z, double inner, double ux, double uy, double uz) const;
    double skullBase(double x, double y, double z, double fallback) const;
    double face(double x, double y, double z) const;

    double scale_;
};

}  // namespace countyread::samples
