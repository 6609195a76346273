#pragma once
// The image viewport: a VtkNativeWidget showing one slice of a LoadedStudy through SliceView,
// with the radiologist's interaction (see viewer/README.md for the full shortcut list):
//   left drag = the current tool (window/level by default: horizontal = width, vertical =
//   centre; pan; zoom; probe; measurements), middle drag = pan, right drag = zoom,
//   wheel / PgUp / PgDn / arrows = slices, Ctrl+wheel = zoom about the mouse,
//   Home / End = first / last slice, 1-9 = window presets, R = the file's window,
//   F = fit, A = 1:1, +/- = zoom, [ / ] = rotate, H / V = flip, I = invert, Space = cine,
//   P = probe, O = overlays, D = display-only enhancement (CLAHE + unsharp), Ctrl+R = reset
//   the view; tools: W window, M pan, Z zoom,
//   L length, G angle, C Cobb, T cardiothoracic ratio, E ellipse, Q rectangle, B arrow, X text,
//   Delete = remove the annotation under the mouse (else the newest), Esc = stop drawing.
#include <QElapsedTimer>
#include <QPoint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "viewer/core/CinePlayer.h"
#include "viewer/core/LoadedStudy.h"
#include "viewer/core/Tool.h"
#include "viewer/core/WindowLevel.h"
#include "viewer/core/WindowPresets.h"
#include "viewer/render/SliceView.h"
#include "viewer/ui/AnnotationInteraction.h"
#include "viewer/ui/VtkNativeWidget.h"

class QTimer;

namespace countyread::viewer {

class ImageViewport : public VtkNativeWidget {
    Q_OBJECT
public:
    explicit ImageViewport(bool chinese_overlays = true, QWidget* parent = nullptr);

    // Shows the study's initial slice with `window` (modality units) or the file's default.
    void setStudy(std::shared_ptr<const LoadedStudy> study,
                  std::optional<WindowLevel> window = std::nullopt);
    // The same study with more images (progressive loading): keeps the slice shown, the window
    // and the view.
    void updateStudy(std::shared_ptr<const LoadedStudy> study);
    void clear();
    const LoadedStudy* study() const { return study_.get(); }

    void showSlice(int index);
    int sliceIndex() const { return index_; }
    int sliceCount() const;
    // First and last index of the series the slice `index` belongs to.
    std::pair<int, int> seriesRange(int index) const;

    void setWindow(const WindowLevel& modality);
    WindowLevel window() const { return view_.window(); }
    std::vector<WindowPreset> presets() const;
    bool applyPreset(int number);  // 1-based, as the keys
    void resetWindow();

    void fit();
    void oneToOne();
    void zoomBy(double factor);
    void rotate(int quarter_turns);
    void flipHorizontal();
    void flipVertical();
    void setInvert(bool invert);
    bool invert() const { return view_.invert(); }
    // Display-only CLAHE + unsharp mask (DisplayEnhancement); stored values are untouched and
    // still used by the probe and measurements.
    void setEnhanced(bool enhanced);
    bool enhanced() const { return enhance_; }
    void resetView();

    void setTool(Tool tool);
    Tool tool() const { return tool_; }
    void setProbeEnabled(bool enabled);
    bool probeEnabled() const { return probe_enabled_; }
    void setOverlaysVisible(bool visible);
    bool overlaysVisible() const { return view_.overlays().visible(); }

    void setCinePlaying(bool playing);
    bool cinePlaying() const { return cine_.playing(); }
    CinePlayer& cine() { return cine_; }

    // Overlay, probe and measurement texts in Chinese or English (the UI language).
    void setChineseOverlays(bool chinese);
    bool chineseOverlays() const { return chinese_; }

    void setRenderPath(RenderPath path);
    RenderPath renderPath() const { return view_.renderPath(); }

    // Frames computed on demand (MPR): the study's images list the slices (instance rows for the
    // overlays) with null pixels, and `provider(index)` makes the frame when it is shown.
    using FrameProvider = std::function<std::shared_ptr<const dicom::ImageFrame>(int index)>;
    void setFrameProvider(FrameProvider provider);
    // Forget frames made by the provider (its output changed, e.g. the slab thickness).
    void refreshFrames();
    // The stored-value frame of slice `index` (provider or study).
    std::shared_ptr<const dicom::ImageFrame> originalFrame(int index);
    // The synchronised MPR crosshair at image coordinates (pixel centres at +0.5); nullopt hides.
    void setCrosshair(std::optional<Point2> image);

    SliceView& sliceView() { return view_; }
    const SliceView& sliceView() const { return view_; }
    AnnotationInteraction& annotations() { return annotations_; }
    // Asked for annotation text (a dialog in the workstation; tests answer directly).
    void setTextPrompt(std::function<std::optional<std::string>(bool optional)> prompt) {
        annotations_.text_prompt = std::move(prompt);
    }

signals:
    void sliceChanged(int index, int count);
    void windowChanged(double center, double width);
    void viewChanged();
    void probeChanged(const QString& text);
    void toolChanged(countyread::viewer::Tool tool);
    void cineChanged(bool playing);
    void renderPathChanged(const QString& note);
    void annotationsChanged();
    // Crosshair tool: the image pixel (column, row; centres at integers) picked on this slice.
    void crosshairPicked(double column, double row);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void viewportResized() override;
    void afterRender() override;

private:
    void updateOverlays();
    void viewTransformChanged();
    double dragScale() const;
    Point2 devicePoint(const QPointF& p) const;
    void updateProbe(Point2 screen);
    void cineTick();
    std::shared_ptr<const dicom::ImageFrame> displayFrame(int index);
    bool handleViewKey(QKeyEvent* event);
    bool handleToolKey(QKeyEvent* event);
    void updateMouseTracking();

    SliceView view_;
    AnnotationInteraction annotations_{view_};
    std::optional<Point2> last_mouse_;
    std::shared_ptr<const LoadedStudy> study_;
    int index_ = 0;
    bool chinese_;
    Tool tool_ = Tool::WindowLevel;
    bool probe_enabled_ = false;
    Qt::MouseButton drag_button_ = Qt::NoButton;
    Tool drag_tool_ = Tool::WindowLevel;
    QPoint drag_last_;
    Point2 drag_anchor_;
    int wheel_remainder_ = 0;
    CinePlayer cine_;
    QTimer* cine_timer_ = nullptr;
    QElapsedTimer cine_clock_;
    bool enhance_ = false;
    FrameProvider provider_;
    int provided_index_ = -1;
    std::shared_ptr<const dicom::ImageFrame> provided_;
    LoadedImage current_;  // the slice shown, with its stored-value frame
    std::optional<Point2> crosshair_;
    std::shared_ptr<const dicom::ImageFrame> enhanced_source_, enhanced_;
};

}  // namespace countyread::viewer
