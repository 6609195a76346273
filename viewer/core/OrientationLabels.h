#pragma once
// Orientation markers: the patient direction at the left, right, top and bottom edges of the
// viewport ("R", "L", "A", "P", "H", "F" and combinations such as "LP" for oblique planes),
// from Image Orientation (Patient) or, for projection images without it, Patient Orientation
// (0020,0020), followed through the view's rotation and flips.
#include <array>
#include <optional>
#include <string>

#include "viewer/core/ViewTransform.h"

namespace countyread::viewer {

struct OrientationLabels {
    std::string left, right, top, bottom;

    using Vec3 = std::array<double, 3>;
    // `row` = patient direction of increasing column index (the image's +x), `column` = of
    // increasing row index (+y), both in the DICOM patient system (x to the patient's left,
    // y posterior, z head).
    static OrientationLabels build(const Vec3& row, const Vec3& column, const ViewTransform& view);
    // From (0020,0037) row and column cosines.
    static std::optional<OrientationLabels> fromImageOrientation(
        const std::optional<std::array<double, 6>>& iop, const ViewTransform& view);
    // From (0020,0020) "A\F" style values (row direction, column direction).
    static std::optional<OrientationLabels> fromPatientOrientation(const std::string& value,
                                                                   const ViewTransform& view);
    // Letters of a patient direction: components above ~0.25 of the largest, largest first.
    static std::string letters(const Vec3& direction);
};

}  // namespace countyread::viewer
