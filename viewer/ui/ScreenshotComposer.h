#pragma once
// A picture of a whole window including its native VTK viewport. QWidget::grab() cannot see
// what OpenGL drew into a native child window, so the viewport's render-window capture is
// painted over the grabbed window at the viewport's place (and every other visible VTK viewport
// of the window, e.g. the rest of the layout, at theirs).
#include <QImage>
#include <QRect>

class QWidget;

namespace countyread::viewer {

class VtkNativeWidget;

class ScreenshotComposer {
public:
    struct Result {
        QImage image;
        QRect viewport;  // the VTK viewport in the image's pixel coordinates
    };
    static Result compose(QWidget& window, VtkNativeWidget& viewport);
};

}  // namespace countyread::viewer
