#pragma once
// The 3D viewport: a VolumeScene in the native VTK window, driven by the mouse and keys (no VTK
// interactor, like ImageViewport):
//   left drag = rotate, right drag / wheel = zoom, middle drag = pan,
//   1-5 = presets (bone, soft tissue, lung, vessels, MIP), R = reset,
//   arrows = rotate 15 degrees, + / - = zoom.
// While a button is held (and shortly after a wheel turn) the scene renders at interactive
// quality; the frame after the release is full quality.
#include <QPoint>

#include "viewer/render/VolumeScene.h"
#include "viewer/ui/VtkNativeWidget.h"

class QTimer;

namespace countyread::viewer {

class VolumeRenderWidget : public VtkNativeWidget {
    Q_OBJECT
public:
    explicit VolumeRenderWidget(QWidget* parent = nullptr);
    ~VolumeRenderWidget() override;

    VolumeScene& scene() { return scene_; }
    const VolumeScene& scene() const { return scene_; }

    void setPreset(int index);  // emits presetChanged when it changes
    void resetView();
    // Degrees of rotation per pixel dragged (left button), as in VTK's trackball style.
    double degreesPerPixel() const;

signals:
    void presetChanged(int index);
    // After the first frame with a volume: the scene has picked its mapper (renderPath()).
    void renderPathChanged();

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void afterRender() override;

private:
    void interacted();  // coarse frame now, full quality once the wheel is quiet

    VolumeScene scene_;
    Qt::MouseButton drag_button_ = Qt::NoButton;
    QPoint drag_last_;
    QTimer* settle_;
    bool path_reported_ = false;
};

}  // namespace countyread::viewer
