#pragma once
// The label of an annotation: the measured values in the radiologist's language, computed from
// the image it is on (lengths in mm with the detector-plane caveat for Imager Pixel Spacing,
// pixels when uncalibrated; angles; Cobb; cardiothoracic ratio; ROI mean / SD / min / max /
// area in modality units, HU on CT).
#include <string>
#include <vector>

#include "dicom/image/ImageFrame.h"
#include "viewer/core/Annotation.h"

namespace countyread::viewer {

class AnnotationText {
public:
    static std::vector<std::string> lines(const Annotation& a, const dicom::ImageFrame& frame,
                                          const std::string& modality, bool chinese);
    // "52.3 mm", "52.3 mm (探测器)" / "52.3 mm (detector)", "104.6 px".
    static std::string length(double value, dicom::SpacingSource source, bool chinese);
    // The caveat for Imager Pixel Spacing, as a sentence.
    static std::string detectorCaveat(bool chinese);
};

}  // namespace countyread::viewer
