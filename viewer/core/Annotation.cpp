#include "viewer/core/Annotation.h"

#include "viewer/core/AnnotationGeometry.h"

namespace countyread::viewer {

int Annotation::pointsFor(AnnotationKind kind) {
    switch (kind) {
        case AnnotationKind::Length:
        case AnnotationKind::Ellipse:
        case AnnotationKind::Rectangle:
        case AnnotationKind::Arrow:
            return 2;
        case AnnotationKind::Angle:
            return 3;
        case AnnotationKind::Cobb:
        case AnnotationKind::CardioThoracic:
            return 4;
        case AnnotationKind::Text:
        case AnnotationKind::Point:
            return 1;
        case AnnotationKind::Polyline:
            return 0;
    }
    return 0;
}

void AnnotationStore::add(const ImageKey& key, Annotation annotation) {
    by_image_[key].push_back(std::move(annotation));
    modified_ = true;
}

bool AnnotationStore::remove(const ImageKey& key, std::size_t index) {
    auto it = by_image_.find(key);
    if (it == by_image_.end() || index >= it->second.size()) return false;
    it->second.erase(it->second.begin() + static_cast<std::ptrdiff_t>(index));
    if (it->second.empty()) by_image_.erase(it);
    modified_ = true;
    return true;
}

const std::vector<Annotation>& AnnotationStore::on(const ImageKey& key) const {
    static const std::vector<Annotation> none;
    auto it = by_image_.find(key);
    return it == by_image_.end() ? none : it->second;
}

void AnnotationStore::clear() {
    by_image_.clear();
    modified_ = false;
}

std::size_t AnnotationStore::count() const {
    std::size_t n = 0;
    for (const auto& [key, list] : by_image_) n += list.size();
    return n;
}

std::optional<std::size_t> AnnotationStore::hitTest(const ImageKey& key, Point2 p,
                                                    double tolerance) const {
    const auto& list = on(key);
    std::optional<std::size_t> best;
    double best_distance = tolerance;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const double d = AnnotationGeometry::distance(list[i], p);
        if (d <= best_distance) {
            best_distance = d;
            best = i;
        }
    }
    return best;
}

}  // namespace countyread::viewer
