#pragma once
// Annotations <-> DICOM Grayscale Softcopy Presentation State (dicom/pstate). Ours are written
// with their measured values as text objects (so other workstations show the numbers) and a
// graphic-group label that lets us restore the exact measurement; other vendors' graphics come
// back as polylines / points / text on their own layer (drawn in the "foreign" style).
#include <string>
#include <vector>

#include "dicom/pstate/PresentationState.h"
#include "viewer/core/Annotation.h"
#include "viewer/core/LoadedStudy.h"

namespace countyread::viewer {

struct DisplaySettings {
    std::optional<std::pair<double, double>> window;  // centre, width
    int rotation = 0;                                 // degrees clockwise
    bool horizontal_flip = false;
    bool inverse = false;
};

class PresentationStateMapper {
public:
    // Every image of `study` is referenced; annotations on images not in the study are skipped.
    static dicom::PresentationState build(const AnnotationStore& store, const LoadedStudy& study,
                                          const DisplaySettings& display,
                                          const std::string& creator_name, bool chinese);
    // Annotations of a parsed presentation state, by image (frames 0-based).
    static std::vector<std::pair<ImageKey, Annotation>> annotations(
        const dicom::PresentationState& state, const LoadedStudy& study);
    // Whether a presentation state was written by this workstation.
    static bool isOurs(const dicom::PresentationState& state);

    static std::string kindName(AnnotationKind kind);
    static std::optional<AnnotationKind> parseKind(const std::string& name);
    // The SOP class prefix of presentation states (to find them in an instance list).
    static bool isPresentationState(const std::string& sop_class_uid);
};

}  // namespace countyread::viewer
