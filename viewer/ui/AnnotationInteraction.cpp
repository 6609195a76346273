#include "viewer/ui/AnnotationInteraction.h"

#include <algorithm>

#include "viewer/core/AnnotationGeometry.h"
#include "viewer/core/AnnotationText.h"

namespace countyread::viewer {

void AnnotationInteraction::setImage(const LoadedImage* image, const std::string& modality,
                                     bool chinese) {
    image_ = image;
    modality_ = modality;
    chinese_ = chinese;
    ImageKey key = image ? ImageKey{image->instance.sop_instance_uid, image->frame} : ImageKey{};
    if (!(key == key_)) {
        editor_.cancel();  // a half-drawn line belongs to the image it was started on
        hover_.reset();
    }
    key_ = std::move(key);
}

void AnnotationInteraction::setTool(Tool tool) { editor_.begin(tool); }

void AnnotationInteraction::cancel() {
    editor_.cancel();
    refresh();
}

bool AnnotationInteraction::press(Point2 screen) {
    if (!editor_.active() || !image_) return false;
    if (auto done = editor_.press(view_.transform().screenToImage(screen)))
        finish(std::move(*done));
    refresh();
    return true;
}

bool AnnotationInteraction::move(Point2 screen) {
    if (!editor_.active() || !image_) return false;
    editor_.move(view_.transform().screenToImage(screen));
    refresh();
    return true;
}

bool AnnotationInteraction::release(Point2 screen) {
    if (!editor_.active() || !image_) return false;
    if (auto done = editor_.release(view_.transform().screenToImage(screen)))
        finish(std::move(*done));
    refresh();
    return true;
}

void AnnotationInteraction::finish(Annotation a) {
    if (a.kind == AnnotationKind::Text || a.kind == AnnotationKind::Arrow) {
        const bool optional = a.kind == AnnotationKind::Arrow;
        std::optional<std::string> text;
        if (text_prompt) text = text_prompt(optional);
        if (!text || (text->empty() && !optional)) {
            if (!optional) return;  // a text annotation without text is nothing
        } else {
            a.text = *text;
        }
    }
    store_.add(key_, std::move(a));
    if (changed) changed();
}

bool AnnotationInteraction::deleteNear(std::optional<Point2> screen) {
    if (!image_) return false;
    const auto& list = store_.on(key_);
    if (list.empty()) return false;
    std::optional<std::size_t> index;
    if (screen) {
        const double tolerance = 8.0 / view_.transform().zoomFactor();  // image pixels
        index = store_.hitTest(key_, view_.transform().screenToImage(*screen), tolerance);
    }
    if (!index) index = list.size() - 1;
    store_.remove(key_, *index);
    refresh();
    if (changed) changed();
    return true;
}

void AnnotationInteraction::refresh() {
    std::vector<AnnotationLayer::Item> items;
    const ViewTransform& t = view_.transform();
    if (image_ && image_->pixels) {
        const double px_per_screen = 1.0 / t.zoomFactor();
        auto add = [&](const Annotation& a, AnnotationLayer::Style style) {
            AnnotationLayer::Item item;
            item.style = style;
            for (const auto& line : AnnotationGeometry::outline(a, px_per_screen)) {
                std::vector<Point2> screen;
                screen.reserve(line.size());
                for (const auto& p : line) screen.push_back(t.imageToScreen(p));
                item.lines.push_back(std::move(screen));
            }
            item.label = AnnotationText::lines(a, *image_->pixels, modality_, chinese_);
            item.label_at = t.imageToScreen(AnnotationGeometry::labelAnchor(a)) + Point2{6, 4};
            // Keep the label on screen (rough text extent: CJK characters are wider).
            double width = 0;
            for (const auto& line : item.label) {
                double w = 0;
                for (unsigned char c : line) {
                    if (c < 0x80)
                        w += 8;
                    else if (c >= 0xE0)
                        w += 15;  // lead byte of a 3-byte (CJK) character
                }
                width = std::max(width, w);
            }
            const double height = 17.0 * static_cast<double>(item.label.size());
            item.label_at.x =
                std::clamp(item.label_at.x, 2.0, std::max(2.0, t.viewportWidth() - width - 2));
            item.label_at.y =
                std::clamp(item.label_at.y, 2.0, std::max(2.0, t.viewportHeight() - height - 2));
            items.push_back(std::move(item));
        };
        for (const auto& a : store_.on(key_))
            add(a, a.layer.empty() ? AnnotationLayer::Style::Own : AnnotationLayer::Style::Foreign);
        if (auto preview = editor_.preview()) add(*preview, AnnotationLayer::Style::Active);
    }
    view_.annotationLayer().set(items, t.viewportHeight());
}

}  // namespace countyread::viewer
