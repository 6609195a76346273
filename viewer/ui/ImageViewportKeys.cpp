// ImageViewport's keyboard shortcuts (the list is in ImageViewport.h and viewer/README.md).
#include <QKeyEvent>

#include "viewer/ui/ImageViewport.h"

namespace countyread::viewer {

bool ImageViewport::handleToolKey(QKeyEvent* event) {
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) return false;
    static const std::pair<int, Tool> keys[] = {
        {Qt::Key_W, Tool::WindowLevel},    {Qt::Key_M, Tool::Pan},     {Qt::Key_Z, Tool::Zoom},
        {Qt::Key_L, Tool::Length},         {Qt::Key_G, Tool::Angle},   {Qt::Key_C, Tool::Cobb},
        {Qt::Key_T, Tool::CardioThoracic}, {Qt::Key_E, Tool::Ellipse}, {Qt::Key_Q, Tool::Rectangle},
        {Qt::Key_B, Tool::Arrow},          {Qt::Key_X, Tool::Text},
    };
    for (const auto& [key, tool] : keys) {
        if (event->key() == key) {
            setTool(tool);
            return true;
        }
    }
    return false;
}

bool ImageViewport::handleViewKey(QKeyEvent* event) {
    const int key = event->key();
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    if (key >= Qt::Key_1 && key <= Qt::Key_9 && !ctrl) return applyPreset(key - Qt::Key_0) || true;
    switch (key) {
        case Qt::Key_R:
            if (ctrl) {
                resetView();
            } else {
                resetWindow();
            }
            return true;
        case Qt::Key_F:
            fit();
            return true;
        case Qt::Key_A:
            oneToOne();
            return true;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomBy(1.25);
            return true;
        case Qt::Key_Minus:
            zoomBy(0.8);
            return true;
        case Qt::Key_BracketLeft:
            rotate(-1);
            return true;
        case Qt::Key_BracketRight:
            rotate(1);
            return true;
        case Qt::Key_H:
            if (event->modifiers() & Qt::ShiftModifier) return false;
            flipHorizontal();
            return true;
        case Qt::Key_V:
            flipVertical();
            return true;
        case Qt::Key_I:
            setInvert(!invert());
            return true;
        case Qt::Key_Space:
            setCinePlaying(!cinePlaying());
            return true;
        case Qt::Key_P:
            setProbeEnabled(!probe_enabled_);
            return true;
        case Qt::Key_O:
            setOverlaysVisible(!overlaysVisible());
            return true;
        case Qt::Key_D:
            setEnhanced(!enhanced());
            return true;
        case Qt::Key_Escape:
            annotations_.cancel();
            setTool(Tool::WindowLevel);
            render();
            return true;
        case Qt::Key_Delete:
        case Qt::Key_Backspace:
            if (annotations_.deleteNear(last_mouse_)) render();
            return true;
        default:
            return false;
    }
}

void ImageViewport::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_PageDown:
        case Qt::Key_Down:
        case Qt::Key_Right:
            showSlice(index_ + 1);
            break;
        case Qt::Key_PageUp:
        case Qt::Key_Up:
        case Qt::Key_Left:
            showSlice(index_ - 1);
            break;
        case Qt::Key_Home:
            showSlice(0);
            break;
        case Qt::Key_End:
            showSlice(sliceCount() - 1);
            break;
        default:
            if (!handleViewKey(event) && !handleToolKey(event)) {
                VtkNativeWidget::keyPressEvent(event);
                return;
            }
    }
    event->accept();
}

}  // namespace countyread::viewer
