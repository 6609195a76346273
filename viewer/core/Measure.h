#pragma once
// Measurement geometry on one image, in physical units. Points are image coordinates as DICOM
// presentation states use them (PIXEL units): (0, 0) is the top-left corner of the top-left
// pixel, so pixel (column i, row j) is centred at (i + 0.5, j + 0.5); x = column direction.
// Spacing: x is scaled by the column spacing, y by the row spacing (anisotropic pixels are
// handled). Pure functions, no state.
#include <optional>

#include "dicom/image/ImageFrame.h"
#include "viewer/core/Point2.h"

namespace countyread::viewer {

struct Spacing {
    double column = 1.0;  // mm between pixel centres along x
    double row = 1.0;     // along y
    dicom::SpacingSource source = dicom::SpacingSource::None;

    static Spacing of(const dicom::ImageFrame& frame) {
        return {frame.column_spacing, frame.row_spacing, frame.spacing_source};
    }
    bool calibrated() const { return source != dicom::SpacingSource::None; }
};

struct RoiStats {
    long long pixels = 0;  // pixels whose centres lie inside the shape
    double mean = 0.0;     // modality values (HU on CT)
    double sd = 0.0;       // population standard deviation
    double min = 0.0;
    double max = 0.0;
    double area = 0.0;  // of the drawn shape, mm² (pixel² when uncalibrated)
};

class Measure {
public:
    // Distance in mm (in pixels when the spacing is unknown: spacing 1).
    static double length(Point2 a, Point2 b, const Spacing& s);
    // Angle at `vertex` between the arms to `a` and `b`, degrees in [0, 180].
    static double angle(Point2 a, Point2 vertex, Point2 b, const Spacing& s);
    // Cobb angle between line a1-a2 and line b1-b2: degrees in [0, 90].
    static double cobb(Point2 a1, Point2 a2, Point2 b1, Point2 b2, const Spacing& s);
    // Cardiothoracic ratio: horizontal cardiac width over horizontal thoracic width (the
    // lines' extents along the image rows, as the ratio is defined on a PA chest film).
    static std::optional<double> cardiothoracicRatio(Point2 heart1, Point2 heart2, Point2 thorax1,
                                                     Point2 thorax2, const Spacing& s);
    // Statistics of the modality values inside the axis-aligned ellipse / rectangle whose
    // bounding box has corners c1 and c2.
    static RoiStats ellipseStats(const dicom::ImageFrame& frame, Point2 c1, Point2 c2);
    static RoiStats rectangleStats(const dicom::ImageFrame& frame, Point2 c1, Point2 c2);

private:
    template <typename Inside>
    static RoiStats stats(const dicom::ImageFrame& frame, Point2 c1, Point2 c2, Inside inside);
};

}  // namespace countyread::viewer
