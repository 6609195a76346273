#include "viewer/ui/ImageViewport.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QTimer>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "viewer/core/DisplayEnhancement.h"
#include "viewer/core/OverlayText.h"
#include "viewer/core/PixelProbe.h"

namespace countyread::viewer {

ImageViewport::ImageViewport(bool chinese_overlays, QWidget* parent)
    : VtkNativeWidget(parent), chinese_(chinese_overlays) {
    view_.addTo(renderWindow());
    view_.setChinese(chinese_overlays);
    setCursor(Qt::CrossCursor);
    annotations_.changed = [this] {
        emit annotationsChanged();
        render();
    };
    cine_timer_ = new QTimer(this);
    cine_timer_->setTimerType(Qt::PreciseTimer);
    connect(cine_timer_, &QTimer::timeout, this, [this] { cineTick(); });
}

void ImageViewport::setStudy(std::shared_ptr<const LoadedStudy> study,
                             std::optional<WindowLevel> window) {
    setCinePlaying(false);
    study_ = std::move(study);
    if (!study_ || study_->images.empty()) {
        clear();
        return;
    }
    index_ = std::clamp(study_->initial_index, 0, sliceCount() - 1);
    provided_index_ = -1;
    provided_.reset();
    annotations_.store().clear();
    annotations_.cancel();
    view_.setInvert(false);
    view_.transform().reset();
    view_.setFrame(displayFrame(index_), /*reset_window=*/true);
    if (window) view_.setWindow(*window);
    view_.fitToViewport();
    updateOverlays();
    emit sliceChanged(index_, sliceCount());
    emit windowChanged(view_.window().center, view_.window().width);
    emit viewChanged();
    update();
}

void ImageViewport::updateStudy(std::shared_ptr<const LoadedStudy> study) {
    if (!study_ || study_->images.empty() || !study || study->images.empty()) {
        setStudy(std::move(study));
        return;
    }
    // Keep the image shown: find it in the new arrangement.
    const LoadedImage& shown = study_->images[index_];
    int found = -1;
    for (int i = 0; i < static_cast<int>(study->images.size()); ++i) {
        const auto& image = study->images[i];
        if (image.instance.sop_instance_uid == shown.instance.sop_instance_uid &&
            image.frame == shown.frame) {
            found = i;
            break;
        }
    }
    study_ = std::move(study);
    index_ = found >= 0 ? found : std::clamp(index_, 0, sliceCount() - 1);
    if (found < 0) view_.setFrame(displayFrame(index_), false);
    updateOverlays();
    emit sliceChanged(index_, sliceCount());
    render();
}

void ImageViewport::clear() {
    setCinePlaying(false);
    study_.reset();
    index_ = 0;
    view_.setFrame(nullptr, true);
    annotations_.store().clear();
    annotations_.setImage(nullptr, "", chinese_);
    annotations_.refresh();
    for (int c = 0; c < 4; ++c) view_.setOverlayText(static_cast<SliceView::Corner>(c), "");
    view_.overlays().setProbe("", {}, 0);
    update();
}

int ImageViewport::sliceCount() const {
    return study_ ? static_cast<int>(study_->images.size()) : 0;
}

std::pair<int, int> ImageViewport::seriesRange(int index) const {
    if (!study_ || study_->images.empty()) return {0, -1};
    index = std::clamp(index, 0, sliceCount() - 1);
    const std::string& series = study_->images[index].instance.series_uid;
    int first = index, last = index;
    while (first > 0 && study_->images[first - 1].instance.series_uid == series) --first;
    while (last + 1 < sliceCount() && study_->images[last + 1].instance.series_uid == series)
        ++last;
    return {first, last};
}

void ImageViewport::showSlice(int index) {
    if (!study_ || study_->images.empty()) return;
    index = std::clamp(index, 0, sliceCount() - 1);
    if (index == index_) return;
    // Series keep their own default window only when the radiologist moves to another series.
    const bool other_series =
        study_->images[index].instance.series_uid != study_->images[index_].instance.series_uid;
    index_ = index;
    view_.setFrame(displayFrame(index_), other_series);
    updateOverlays();
    emit sliceChanged(index_, sliceCount());
    if (other_series) emit windowChanged(view_.window().center, view_.window().width);
    render();
}

void ImageViewport::setWindow(const WindowLevel& modality) {
    view_.setWindow(modality);
    updateOverlays();
    emit windowChanged(modality.center, modality.width);
    render();
}

std::vector<WindowPreset> ImageViewport::presets() const {
    const dicom::ImageFrame* f = view_.frame();
    if (!f || !study_) return {};
    std::string modality = study_->images[index_].instance.modality;
    if (modality.empty()) modality = study_->study.modality;
    return WindowPresets::forFrame(*f, modality);
}

bool ImageViewport::applyPreset(int number) {
    const auto list = presets();
    if (number < 1 || number > static_cast<int>(list.size())) return false;
    setWindow(list[static_cast<std::size_t>(number - 1)].window);
    return true;
}

void ImageViewport::resetWindow() {
    if (const auto* f = view_.frame()) setWindow({f->window_center, f->window_width});
}

void ImageViewport::viewTransformChanged() {
    view_.applyTransform();
    updateOverlays();
    emit viewChanged();
    render();
}

void ImageViewport::fit() {
    view_.fitToViewport();
    updateOverlays();
    emit viewChanged();
    render();
}

void ImageViewport::oneToOne() {
    view_.transform().oneToOne();
    view_.setFitted(false);
    viewTransformChanged();
}

void ImageViewport::zoomBy(double factor) {
    view_.transform().zoomBy(factor);
    view_.setFitted(false);
    viewTransformChanged();
}

void ImageViewport::rotate(int quarter_turns) {
    view_.transform().rotate(quarter_turns);
    if (view_.fitted()) {
        fit();
        return;
    }
    viewTransformChanged();
}

void ImageViewport::flipHorizontal() {
    view_.transform().flipHorizontal();
    viewTransformChanged();
}

void ImageViewport::flipVertical() {
    view_.transform().flipVertical();
    viewTransformChanged();
}

std::shared_ptr<const dicom::ImageFrame> ImageViewport::displayFrame(int index) {
    const auto original = originalFrame(index);
    if (!enhance_ || !original) return original;
    if (enhanced_source_ != original) {
        enhanced_ = DisplayEnhancement::apply(*original, EnhancementSettings{});
        enhanced_source_ = original;
    }
    return enhanced_;
}

void ImageViewport::setEnhanced(bool enhanced) {
    if (enhanced == enhance_) return;
    enhance_ = enhanced;
    if (!study_ || study_->images.empty()) return;
    view_.setFrame(displayFrame(index_), false);
    updateOverlays();
    emit viewChanged();
    render();
}

void ImageViewport::setInvert(bool invert) {
    view_.setInvert(invert);
    updateOverlays();
    render();
}

void ImageViewport::resetView() {
    view_.transform().reset();
    view_.setInvert(false);
    fit();
    resetWindow();
}

void ImageViewport::setTool(Tool tool) {
    if (tool == tool_) return;
    tool_ = tool;
    annotations_.setTool(tool);
    annotations_.refresh();
    if (tool == Tool::Probe) setProbeEnabled(true);
    updateMouseTracking();
    emit toolChanged(tool_);
    render();
}

void ImageViewport::updateMouseTracking() {
    setMouseTracking(probe_enabled_ || isAnnotationTool(tool_));
}

void ImageViewport::setProbeEnabled(bool enabled) {
    probe_enabled_ = enabled;
    updateMouseTracking();
    if (!enabled) {
        view_.overlays().setProbe("", {}, 0);
        emit probeChanged(QString());
        render();
    }
}

void ImageViewport::setOverlaysVisible(bool visible) {
    view_.setOverlaysVisible(visible);
    render();
}

void ImageViewport::setRenderPath(RenderPath path) {
    view_.setRenderPath(path);
    if (!view_.renderPathNote().empty()) {
        emit renderPathChanged(QString::fromStdString(view_.renderPathNote()));
    }
    render();
}

void ImageViewport::afterRender() {
    if (view_.checkGpuFailure()) {
        qWarning("countyread-viewer: %s", view_.renderPathNote().c_str());
        emit renderPathChanged(QString::fromStdString(view_.renderPathNote()));
        update();  // draw again on the CPU path
    }
}

void ImageViewport::setCinePlaying(bool playing) {
    if (playing == cine_.playing()) return;
    if (playing) {
        if (sliceCount() < 2) return;
        cine_.start(index_);
        cine_clock_.start();
        cine_timer_->start(std::max(5, static_cast<int>(500.0 / cine_.framesPerSecond())));
    } else {
        cine_.stop();
        cine_timer_->stop();
    }
    emit cineChanged(playing);
}

void ImageViewport::cineTick() {
    const double elapsed = static_cast<double>(cine_clock_.restart());
    const auto [first, last] = seriesRange(index_);
    showSlice(cine_.advance(elapsed, first, last));
}

double ImageViewport::dragScale() const {
    const dicom::ImageFrame* f = view_.frame();
    if (!f) return 1.0;
    // The frame's dynamic range (or, for flat images, its default window width): constant
    // during a drag, so the same motion always moves the window by the same amount.
    double range = (f->stored_max - f->stored_min) * std::abs(f->rescale_slope);
    if (range < 1.0) range = f->window_width;
    return dragScaleFor(range);
}

void ImageViewport::viewportResized() {
    view_.viewportResized();
    updateOverlays();
}

void ImageViewport::updateOverlays() {
    if (!study_ || study_->images.empty()) return;
    current_ = study_->images[index_];
    current_.pixels = originalFrame(index_);
    const LoadedImage& image = current_;
    OverlayText::Input in;
    in.study = &study_->study;
    in.attributes = &study_->attributes;
    in.instance = &image.instance;
    in.frame = image.pixels.get();
    in.index = index_;
    in.count = sliceCount();
    in.window = view_.window();
    in.zoom = view_.transform().zoomFactor();
    in.inverted = view_.invert();
    in.chinese = chinese_;
    annotations_.setImage(&image, image.instance.modality, chinese_);
    annotations_.refresh();
    OverlayText text = OverlayText::build(in);
    view_.setOverlayText(SliceView::Corner::TopLeft, text.top_left);
    view_.setOverlayText(SliceView::Corner::TopRight, text.top_right);
    view_.setOverlayText(SliceView::Corner::BottomLeft, text.bottom_left);
    view_.setOverlayText(SliceView::Corner::BottomRight, text.bottom_right);
    const auto& t = view_.transform();
    view_.overlays().setCrosshair(
        crosshair_ ? std::optional<Point2>(t.imageToScreen(*crosshair_)) : std::nullopt,
        t.viewportWidth(), t.viewportHeight());
}

void ImageViewport::setChineseOverlays(bool chinese) {
    if (chinese == chinese_) return;
    chinese_ = chinese;
    view_.setChinese(chinese);
    annotations_.setImage(nullptr, "", chinese_);
    updateOverlays();
    render();
}

void ImageViewport::setFrameProvider(FrameProvider provider) {
    provider_ = std::move(provider);
    refreshFrames();
}

void ImageViewport::refreshFrames() {
    provided_index_ = -1;
    provided_.reset();
    if (study_ && !study_->images.empty() && provider_) {
        view_.setFrame(displayFrame(index_), false);
        updateOverlays();
        render();
    }
}

std::shared_ptr<const dicom::ImageFrame> ImageViewport::originalFrame(int index) {
    if (!study_ || index < 0 || index >= sliceCount()) return nullptr;
    if (!provider_) return study_->images[index].pixels;
    if (index != provided_index_ || !provided_) {
        provided_ = provider_(index);
        provided_index_ = index;
    }
    return provided_;
}

void ImageViewport::setCrosshair(std::optional<Point2> image) {
    crosshair_ = image;
    updateOverlays();
    render();
}

}  // namespace countyread::viewer
