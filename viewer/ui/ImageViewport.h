#pragma once
// The image viewport: a VtkNativeWidget showing one slice of a LoadedStudy through SliceView,
// with the radiologist's interaction: wheel / PgUp / PgDn / arrows scroll through the slices,
// left-drag changes the window (horizontal = width, vertical = centre), Home / End jump to the
// first / last slice, R resets the window to the file's default.
#include <QPoint>
#include <memory>
#include <optional>

#include "viewer/core/LoadedStudy.h"
#include "viewer/core/WindowLevel.h"
#include "viewer/render/SliceView.h"
#include "viewer/ui/VtkNativeWidget.h"

namespace countyread::viewer {

class ImageViewport : public VtkNativeWidget {
    Q_OBJECT
public:
    explicit ImageViewport(bool chinese_overlays = true, QWidget* parent = nullptr);

    // Shows the study's initial slice with `window` (modality units) or the file's default.
    void setStudy(std::shared_ptr<const LoadedStudy> study,
                  std::optional<WindowLevel> window = std::nullopt);
    void clear();
    const LoadedStudy* study() const { return study_.get(); }

    void showSlice(int index);
    int sliceIndex() const { return index_; }
    int sliceCount() const;

    void setWindow(const WindowLevel& modality);
    WindowLevel window() const { return view_.window(); }

    SliceView& sliceView() { return view_; }

signals:
    void sliceChanged(int index, int count);
    void windowChanged(double center, double width);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void viewportResized() override;

private:
    void updateOverlays();
    double dragScale() const;

    SliceView view_;
    std::shared_ptr<const LoadedStudy> study_;
    int index_ = 0;
    bool chinese_;
    bool dragging_ = false;
    QPoint drag_last_;
    int wheel_remainder_ = 0;
};

}  // namespace countyread::viewer
