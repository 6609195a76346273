#pragma once
// The annotation side of the image viewport: the study's AnnotationStore, the editor that
// turns mouse gestures into annotations, and the drawing of the current image's annotations
// (with their measured values) through SliceView's AnnotationLayer. No Qt: the viewport
// forwards screen points and asks for text through `text_prompt`.
#include <functional>
#include <optional>
#include <string>

#include "viewer/core/AnnotationEditor.h"
#include "viewer/core/LoadedStudy.h"
#include "viewer/render/SliceView.h"

namespace countyread::viewer {

class AnnotationInteraction {
public:
    explicit AnnotationInteraction(SliceView& view) : view_(view) {}

    // The image shown (null: none) and how to label.
    void setImage(const LoadedImage* image, const std::string& modality, bool chinese);
    AnnotationStore& store() { return store_; }
    const AnnotationStore& store() const { return store_; }
    const ImageKey& key() const { return key_; }

    void setTool(Tool tool);  // annotation tools start drawing; others stop
    bool drawing() const { return editor_.active(); }
    void cancel();

    // Mouse in screen pixels; true when the event was used.
    bool press(Point2 screen);
    bool move(Point2 screen);
    bool release(Point2 screen);
    // Removes the annotation within 8 screen pixels of `screen`, else the newest on this image.
    bool deleteNear(std::optional<Point2> screen);

    // Redraws the layer (after any view, slice or annotation change).
    void refresh();

    // Asked for the text of a text annotation (and an arrow's optional label); nullopt cancels.
    std::function<std::optional<std::string>(bool optional)> text_prompt;
    // Called after an annotation was added or removed.
    std::function<void()> changed;

private:
    void finish(Annotation a);

    SliceView& view_;
    AnnotationStore store_;
    AnnotationEditor editor_;
    const LoadedImage* image_ = nullptr;
    ImageKey key_;
    std::string modality_;
    bool chinese_ = true;
    std::optional<std::size_t> hover_;
};

}  // namespace countyread::viewer
