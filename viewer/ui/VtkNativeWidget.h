#pragma once
// The Qt 6 <-> VTK bridge. Debian's VTK GUISupportQt is built for Qt 5, so instead of
// QVTKOpenGLNativeWidget this is a plain native child window (its own X11 window, no Qt
// painting) whose window id is handed to VTK's vtkXOpenGLRenderWindow; VTK creates its GLX
// context on it and draws into it. Qt keeps delivering mouse/keyboard/resize/expose events
// for that window, and subclasses turn them into VTK scene changes. X11 (xcb) only.
#include <vtkSmartPointer.h>

#include <QWidget>

#include "viewer/render/RgbImage.h"

class vtkRenderWindow;

namespace countyread::viewer {

class VtkNativeWidget : public QWidget {
    Q_OBJECT
public:
    explicit VtkNativeWidget(QWidget* parent = nullptr);
    ~VtkNativeWidget() override;

    vtkRenderWindow* renderWindow() const;

    // Renders now when the native window exists (otherwise at the next expose).
    void render();
    // Renders and reads back the viewport's pixels (device pixels, row 0 = top).
    RgbImage capture();

    // Qt must not paint on this window: VTK owns its contents.
    QPaintEngine* paintEngine() const override { return nullptr; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    // Called after the render window took the widget's new size, before rendering.
    virtual void viewportResized() {}
    // Called after every render (e.g. to notice a GPU path failure).
    virtual void afterRender() {}

private:
    bool bindWindow();
    void syncSize();

    vtkSmartPointer<vtkRenderWindow> window_;
    bool bound_ = false;
};

}  // namespace countyread::viewer
