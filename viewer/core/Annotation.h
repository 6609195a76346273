#pragma once
// Annotations and measurements drawn on an image. Points are image coordinates in DICOM
// presentation-state PIXEL units ((0, 0) = top-left corner of the top-left pixel), so they
// map one to one onto GSPS graphic objects and survive zoom, pan, rotation and flips.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "viewer/core/Point2.h"

namespace countyread::viewer {

enum class AnnotationKind {
    Length,          // 2 points
    Angle,           // 3 points: arm end, vertex, arm end
    Cobb,            // 4 points: two lines
    CardioThoracic,  // 4 points: cardiac width line, thoracic width line
    Ellipse,         // 2 points: bounding box corners
    Rectangle,       // 2 points: corners
    Arrow,           // 2 points: tail, head (the head points at the finding)
    Text,            // 1 point: anchor; `text`
    Polyline,        // n points (from presentation states of other systems)
    Point,           // 1 point
};

struct Annotation {
    AnnotationKind kind = AnnotationKind::Length;
    std::vector<Point2> points;
    std::string text;     // Text / Arrow label; for shapes read from a GSPS, its text if any
    bool closed = false;  // Polyline
    std::string layer;    // GSPS graphic layer it came from ("" = ours)

    static Annotation of(AnnotationKind kind, std::vector<Point2> points, std::string text = {}) {
        Annotation a;
        a.kind = kind;
        a.points = std::move(points);
        a.text = std::move(text);
        return a;
    }
    // Number of points a finished annotation of `kind` has (0: any).
    static int pointsFor(AnnotationKind kind);
};

// Which image an annotation belongs to: SOP Instance UID and 0-based frame.
struct ImageKey {
    std::string sop_instance_uid;
    int frame = 0;
    bool operator<(const ImageKey& o) const {
        return sop_instance_uid != o.sop_instance_uid ? sop_instance_uid < o.sop_instance_uid
                                                      : frame < o.frame;
    }
    bool operator==(const ImageKey& o) const {
        return sop_instance_uid == o.sop_instance_uid && frame == o.frame;
    }
};

// All annotations of an open study, per image.
class AnnotationStore {
public:
    void add(const ImageKey& key, Annotation annotation);
    bool remove(const ImageKey& key, std::size_t index);
    const std::vector<Annotation>& on(const ImageKey& key) const;
    const std::map<ImageKey, std::vector<Annotation>>& all() const { return by_image_; }
    void clear();
    std::size_t count() const;
    // Changed since the last markSaved().
    bool modified() const { return modified_; }
    void markSaved() { modified_ = false; }
    // The annotation on `key` whose outline passes within `tolerance` (image pixels) of `p`.
    std::optional<std::size_t> hitTest(const ImageKey& key, Point2 p, double tolerance) const;

private:
    std::map<ImageKey, std::vector<Annotation>> by_image_;
    bool modified_ = false;
};

}  // namespace countyread::viewer
