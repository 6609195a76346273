#pragma once
// Grayscale Softcopy Presentation State (GSPS, 1.2.840.10008.5.1.4.1.1.11.1): building one
// from annotations drawn on a study's images, and reading one back (our own, or another
// vendor's). Plain data in and out, DCMTK stays in the .cpp; text is UTF-8 (ISO_IR 192).
//
// Coordinates are PIXEL units as the standard defines them: (0, 0) is the top-left corner of
// the top-left pixel, (Columns, Rows) the bottom-right corner of the bottom-right pixel.
//
// Each annotation becomes graphic objects and text objects in the Graphic Annotation Sequence
// of its image, tied together by a Graphic Group (0070,0234) whose label says what it is
// ("countyread:length", …); a reader that does not know our labels still sees standard
// polylines, ellipses and text. Other vendors' objects come back as raw shapes, grouped by
// their Graphic Group or Compound Graphic Instance ID when they have one.
#include <optional>
#include <string>
#include <vector>

#include "dicom/model/DicomFile.h"
#include "dicom/model/InstanceInfo.h"

namespace countyread::dicom {

struct PsPoint {
    double x = 0.0;  // column direction
    double y = 0.0;  // row direction
    bool operator==(const PsPoint& o) const { return x == o.x && y == o.y; }
};

struct PsGraphic {
    enum class Type { Polyline, Interpolated, Circle, Ellipse, Point };
    Type type = Type::Polyline;
    std::vector<PsPoint> points;
    bool filled = false;
};

struct PsText {
    std::string text;
    std::optional<PsPoint> anchor;                   // Anchor Point
    std::optional<std::pair<PsPoint, PsPoint>> box;  // bounding box TLHC, BRHC
    bool anchor_visible = false;
};

// One annotation: its shapes and texts, on one layer.
struct PsAnnotation {
    std::string kind;  // our kind ("length", "angle", …) read from the group label; "" = foreign
    std::string layer = "COUNTYREAD";
    std::vector<PsGraphic> graphics;
    std::vector<PsText> texts;
};

struct PsImage {
    std::string sop_class_uid;
    std::string sop_instance_uid;
    std::string series_uid;
    int frame = 0;  // 1-based Referenced Frame Number; 0 = the instance (all frames)
    int rows = 0, columns = 0;
};

struct PsImageAnnotations {
    PsImage image;
    std::vector<PsAnnotation> annotations;
};

struct PresentationState {
    // What the presentation state is about: patient and study attributes are copied from
    // `study` (any image of the study).
    InstanceInfo study;
    std::vector<PsImage> images;  // every image it applies to
    std::vector<PsImageAnnotations> annotations;

    // Display settings (applied to all referenced images).
    std::optional<std::pair<double, double>> window;  // centre, width (modality units)
    int rotation = 0;                                 // 0, 90, 180, 270 (clockwise, after the flip)
    bool horizontal_flip = false;
    bool inverse = false;                              // Presentation LUT Shape INVERSE
    std::optional<std::pair<double, double>> rescale;  // slope, intercept (Modality LUT)
    std::string rescale_type;                          // "HU" for CT

    // Identification.
    std::string sop_instance_uid;  // generated when empty
    std::string series_uid;        // generated when empty
    int series_number = 9901;
    int instance_number = 1;
    std::string content_label = "COUNTYREAD";  // CS: upper case, digits, '_' and space
    std::string content_description;
    std::string creator_name;   // the radiologist (UTF-8, DICOM PN)
    std::string creation_date;  // YYYYMMDD (now when empty)
    std::string creation_time;  // HHMMSS
};

// Part 10 bytes (explicit VR little endian). Throws DicomError when it cannot be built
// (no images, an annotation on an image that is not referenced, bad UIDs).
Bytes buildPresentationState(const PresentationState& state);

// Reads a GSPS (ours or another vendor's). Throws DicomError for anything that is not one.
PresentationState parsePresentationState(const Bytes& part10);

inline constexpr const char* kGspsSopClass = "1.2.840.10008.5.1.4.1.1.11.1";

}  // namespace countyread::dicom
